package dev.mapiworkbench.win32;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import dev.mapiworkbench.mapi.PropTag;
import dev.mapiworkbench.mapi.PropValue;
import dev.mapiworkbench.win32.MapiStructs.SPropValue;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPropValue decoding of the types without a usable value. MAPIDefS.h gives PT_NULL and PT_OBJECT the
 * union member {@code LONG x; /* case PT_NULL, PT_OBJECT (no usable value) *\/}
 * (microsoft/MAPIStubLibrary include/MAPIDefS.h:551): the 4 bytes at offset 8 are a LONG, never a
 * pointer to follow. The codec used to read PT_OBJECT as a string pointer.
 */
class PropCodecTest {

    /** PR_MESSAGE_ATTACHMENTS = PROP_TAG(PT_OBJECT, 0x0E13) (MAPIDefS.h:1227, MAPITags.h). */
    private static final int PR_MESSAGE_ATTACHMENTS = PropTag.tag(0x0E13, PropTag.PT_OBJECT);

    private static final int PR_NULL_VALUE = PropTag.tag(0x0001, PropTag.PT_NULL);

    @BeforeEach
    void x64Only() {
        Assumptions.assumeTrue(
                Native.POINTER_SIZE == 8, "x64 layout: this JVM has " + Native.POINTER_SIZE + "-byte pointers");
    }

    @Test
    void ptObjectAndPtNullSelectTheLongXMember() {
        assertThat(SPropValue.unionMember(PR_MESSAGE_ATTACHMENTS)).isEqualTo("x");
        assertThat(SPropValue.unionMember(PR_NULL_VALUE)).isEqualTo("x");
        assertThat(new MapiStructs.PV().size()).isEqualTo(16);
    }

    @Test
    void aPtObjectValueIsTheLongAtOffset8AndIsNeverDereferenced() {
        Memory m = new Memory(2L * 24);
        m.clear();
        m.setInt(0, PR_MESSAGE_ATTACHMENTS);
        m.setInt(8, 0); // what providers put there: no usable value (a string reading would give "")
        m.setInt(24, PR_NULL_VALUE);
        m.setInt(32, 0x1234);
        m.setInt(36, 0x7FFF_0000); // bytes beyond LONG x belong to no member: not part of the value

        List<PropValue> values = PropCodec.decodeArray(m, 2);

        assertThat(values.get(0)).isEqualTo(PropValue.of(PR_MESSAGE_ATTACHMENTS, 0));
        assertThat(values.get(0).value()).isInstanceOf(Integer.class);
        assertThat(values.get(1)).isEqualTo(PropValue.of(PR_NULL_VALUE, 0x1234));
    }

    @Test
    void encodingWritesLongXOnlyAndRoundTrips() {
        Memory m = new Memory(24);
        m.clear();
        m.setLong(8, -1L);
        m.setLong(16, -1L);
        PropCodec.encodeArray(List.of(PropValue.of(PR_MESSAGE_ATTACHMENTS, 0x55)), m, new PropCodec.JavaAllocator());

        assertThat(m.getInt(0)).isEqualTo(PR_MESSAGE_ATTACHMENTS);
        assertThat(m.getInt(8)).isEqualTo(0x55);
        assertThat(PropCodec.decodeArray(m, 1)).containsExactly(PropValue.of(PR_MESSAGE_ATTACHMENTS, 0x55));
    }
}
