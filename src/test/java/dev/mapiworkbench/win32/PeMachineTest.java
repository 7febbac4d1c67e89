package dev.mapiworkbench.win32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeMachineTest {

    @TempDir
    Path dir;

    /** A minimal PE header: MZ, e_lfanew = 0x80, "PE\0\0", machine. */
    static Path fakeDll(Path dir, String name, int machine) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(0x100).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 'M').put(1, (byte) 'Z');
        b.putInt(0x3C, 0x80);
        b.put(0x80, (byte) 'P').put(0x81, (byte) 'E');
        b.putShort(0x84, (short) machine);
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    @Test
    void readsTheMachineType() throws IOException {
        assertThat(PeMachine.read(fakeDll(dir, "x64.dll", 0x8664))).isEqualTo(PeMachine.AMD64);
        assertThat(PeMachine.read(fakeDll(dir, "x86.dll", 0x014C))).isEqualTo(PeMachine.I386);
        assertThat(PeMachine.read(fakeDll(dir, "arm.dll", 0xAA64))).isEqualTo(PeMachine.ARM64);
        assertThat(PeMachine.read(fakeDll(dir, "odd.dll", 0x1234))).isEqualTo(PeMachine.UNKNOWN);
        assertThat(PeMachine.AMD64.bits()).isEqualTo(64);
        assertThat(PeMachine.I386.bits()).isEqualTo(32);
    }

    @Test
    void refusesFilesThatAreNotPeImages() throws IOException {
        Path elf = dir.resolve("lib.so");
        Files.write(elf, new byte[] {0x7F, 'E', 'L', 'F', 0, 0, 0, 0});
        assertThat(PeMachine.looksLikePe(elf)).isFalse();
        assertThatThrownBy(() -> PeMachine.read(elf))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a PE");
    }
}
