package dev.mapiworkbench.win32;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * The machine type in a PE (Windows DLL) header, to compare a MAPI DLL's bitness with the JVM's:
 * MAPI only loads into a process of its own bitness (mapi-reference.md section 4.1, MFCMAPI #199).
 */
public enum PeMachine {
    I386(0x014C, 32),
    AMD64(0x8664, 64),
    ARM64(0xAA64, 64),
    UNKNOWN(0, 0);

    private final int code;
    private final int bits;

    PeMachine(int code, int bits) {
        this.code = code;
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    public static PeMachine of(int code) {
        for (PeMachine m : values()) {
            if (m.code == code && m != UNKNOWN) {
                return m;
            }
        }
        return UNKNOWN;
    }

    /**
     * Reads IMAGE_FILE_HEADER.Machine: the DOS header's e_lfanew (offset 0x3C) points to "PE\0\0",
     * followed by the 2-byte machine type.
     *
     * @throws IOException when the file cannot be read or is not a PE image
     */
    public static PeMachine read(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            if (f.length() < 0x40 || f.read() != 'M' || f.read() != 'Z') {
                throw new IOException(file + " is not a PE image (no MZ header)");
            }
            f.seek(0x3C);
            long peOffset = Integer.toUnsignedLong(Integer.reverseBytes(f.readInt()));
            if (peOffset + 6 > f.length()) {
                throw new IOException(file + " is not a PE image (bad e_lfanew)");
            }
            f.seek(peOffset);
            if (f.readInt() != 0x50450000) {
                throw new IOException(file + " is not a PE image (no PE signature)");
            }
            int machine = Short.toUnsignedInt(Short.reverseBytes(f.readShort()));
            return of(machine);
        }
    }

    /** True when the file starts with the DOS "MZ" magic. */
    public static boolean looksLikePe(Path file) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            return f.length() >= 2 && f.read() == 'M' && f.read() == 'Z';
        } catch (IOException e) {
            return false;
        }
    }
}
