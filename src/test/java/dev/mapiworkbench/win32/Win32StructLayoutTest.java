package dev.mapiworkbench.win32;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import dev.mapiworkbench.win32.MapiStructs.ADRENTRY;
import dev.mapiworkbench.win32.MapiStructs.ADRLIST;
import dev.mapiworkbench.win32.MapiStructs.ERROR_NOTIFICATION;
import dev.mapiworkbench.win32.MapiStructs.EXTENDED_NOTIFICATION;
import dev.mapiworkbench.win32.MapiStructs.MAPIERROR;
import dev.mapiworkbench.win32.MapiStructs.MAPIINIT_0;
import dev.mapiworkbench.win32.MapiStructs.NEWMAIL_NOTIFICATION;
import dev.mapiworkbench.win32.MapiStructs.NOTIFICATION;
import dev.mapiworkbench.win32.MapiStructs.OBJECT_NOTIFICATION;
import dev.mapiworkbench.win32.MapiStructs.SBinary;
import dev.mapiworkbench.win32.MapiStructs.SPropTagArray;
import dev.mapiworkbench.win32.MapiStructs.SPropValue;
import dev.mapiworkbench.win32.MapiStructs.SRow;
import dev.mapiworkbench.win32.MapiStructs.SRowSet;
import dev.mapiworkbench.win32.MapiStructs.STATUS_OBJECT_NOTIFICATION;
import dev.mapiworkbench.win32.MapiStructs.TABLE_NOTIFICATION;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JNA structure mappings have the x64 sizes and offsets of mapi-reference.md section 4.2
 * (compiled there with x86_64-w64-mingw32). JNA lays them out with the host's C rules, which for
 * these types are the same on Linux x86-64 and Windows x64; on a 32-bit JVM the test is skipped.
 */
class Win32StructLayoutTest {

    @BeforeEach
    void x64Only() {
        Assumptions.assumeTrue(
                Native.POINTER_SIZE == 8, "x64 layouts: this JVM has " + Native.POINTER_SIZE + "-byte pointers");
    }

    @Test
    void propertyStructures() {
        assertThat(new MAPIINIT_0().size()).isEqualTo(8);
        assertThat(new MAPIINIT_0().offsetOf("ulFlags")).isEqualTo(4);
        assertThat(new SBinary().size()).isEqualTo(16);
        assertThat(new SBinary().offsetOf("lpb")).isEqualTo(8);
        SPropValue pv = new SPropValue();
        assertThat(pv.size()).isEqualTo(24);
        assertThat(pv.offsetOf("dwAlignPad")).isEqualTo(4);
        assertThat(pv.offsetOf("Value")).isEqualTo(8);
        assertThat(new SPropTagArray().size()).isEqualTo(8);
        assertThat(new SPropTagArray().offsetOf("aulPropTag")).isEqualTo(4);
        assertThat(new SRow().size()).isEqualTo(16);
        assertThat(new SRow().offsetOf("cValues")).isEqualTo(4);
        assertThat(new SRow().offsetOf("lpProps")).isEqualTo(8);
        assertThat(new SRowSet().offsetOf("aRow")).isEqualTo(8);
        assertThat(new SRowSet().size()).isEqualTo(8 + 16);
        assertThat(new ADRENTRY().size()).isEqualTo(16);
        assertThat(new ADRLIST().offsetOf("aEntries")).isEqualTo(8);
        assertThat(new MAPIERROR().size()).isEqualTo(32);
        assertThat(new MAPIERROR().offsetOf("lpszComponent")).isEqualTo(16);
        assertThat(new MAPIERROR().offsetOf("ulLowLevelError")).isEqualTo(24);
        assertThat(new MAPIERROR().offsetOf("ulContext")).isEqualTo(28);
    }

    @Test
    void notificationStructures() {
        assertThat(new NOTIFICATION().size()).isEqualTo(88);
        assertThat(NOTIFICATION.stride()).isEqualTo(88);
        assertThat(new NOTIFICATION().offsetOf("info")).isEqualTo(8);
        ERROR_NOTIFICATION err = new ERROR_NOTIFICATION();
        assertThat(err.size()).isEqualTo(32);
        assertThat(err.offsetOf("lpEntryID")).isEqualTo(8);
        assertThat(err.offsetOf("scode")).isEqualTo(16);
        assertThat(err.offsetOf("ulFlags")).isEqualTo(20);
        assertThat(err.offsetOf("lpMAPIError")).isEqualTo(24);
        NEWMAIL_NOTIFICATION nm = new NEWMAIL_NOTIFICATION();
        assertThat(nm.size()).isEqualTo(56);
        assertThat(nm.offsetOf("lpParentID")).isEqualTo(24);
        assertThat(nm.offsetOf("lpszMessageClass")).isEqualTo(40);
        assertThat(nm.offsetOf("ulMessageFlags")).isEqualTo(48);
        OBJECT_NOTIFICATION obj = new OBJECT_NOTIFICATION();
        assertThat(obj.size()).isEqualTo(72);
        assertThat(obj.offsetOf("ulObjType")).isEqualTo(16);
        assertThat(obj.offsetOf("cbParentID")).isEqualTo(20);
        assertThat(obj.offsetOf("lpParentID")).isEqualTo(24);
        assertThat(obj.offsetOf("lpOldID")).isEqualTo(40);
        assertThat(obj.offsetOf("lpOldParentID")).isEqualTo(56);
        assertThat(obj.offsetOf("lpPropTagArray")).isEqualTo(64);
        TABLE_NOTIFICATION tab = new TABLE_NOTIFICATION();
        assertThat(tab.size()).isEqualTo(80);
        assertThat(tab.offsetOf("hResult")).isEqualTo(4);
        assertThat(tab.offsetOf("propIndex")).isEqualTo(8);
        assertThat(tab.offsetOf("propPrior")).isEqualTo(32);
        assertThat(tab.offsetOf("row")).isEqualTo(56);
        assertThat(tab.offsetOf("ulPad")).isEqualTo(72);
        assertThat(new EXTENDED_NOTIFICATION().size()).isEqualTo(16);
        assertThat(new EXTENDED_NOTIFICATION().offsetOf("pbEventParameters")).isEqualTo(8);
        assertThat(new STATUS_OBJECT_NOTIFICATION().size()).isEqualTo(32);
        assertThat(new STATUS_OBJECT_NOTIFICATION().offsetOf("lpPropVals")).isEqualTo(24);
    }

    @Test
    void absoluteOffsetsInsideOneNotificationMatchTheReference() {
        // mapi-reference 4.2: err.scode @24, tab.row.cValues @68, tab.row.lpProps @72, newmail.lpszMessageClass @48
        Memory m = new Memory(88);
        m.clear();
        m.setInt(0, 0x1);
        m.setInt(24, 0x80040200);
        NOTIFICATION err = new NOTIFICATION(m);
        assertThat(err.info.err.scode).isEqualTo(0x80040200);

        Memory row = new Memory(16);
        m.clear();
        m.setInt(0, 0x100);
        m.setInt(8, 3);
        m.setInt(12, 0x80004005);
        m.setInt(68, 2);
        m.setPointer(72, row);
        NOTIFICATION tab = new NOTIFICATION(m);
        assertThat(tab.info.tab.ulTableEvent).isEqualTo(3);
        assertThat(tab.info.tab.hResult).isEqualTo(0x80004005);
        assertThat(tab.info.tab.row.cValues).isEqualTo(2);
        assertThat(tab.info.tab.row.lpProps).isEqualTo(row);

        Memory cls = new Memory(16);
        m.clear();
        m.setInt(0, 0x2);
        m.setPointer(16, row);
        m.setPointer(48, cls);
        NOTIFICATION mail = new NOTIFICATION(m);
        assertThat(mail.info.newmail.lpEntryID).isEqualTo(row);
        assertThat(mail.info.newmail.lpszMessageClass).isEqualTo(cls);
    }
}
