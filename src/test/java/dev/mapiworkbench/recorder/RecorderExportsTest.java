package dev.mapiworkbench.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The recorder's two DLLs as built (no Wine needed): the right machine, every MAPI32 export of
 * src/recorder/exports.list under its plain and its {@code name@N} name (the stdcall-decorated form
 * 32-bit callers and Microsoft's MAPI stub look up), and no import beyond Windows' own DLLs (nothing
 * of mingw's runtime to ship). Read from the PE headers (Microsoft PE/COFF specification, "Optional
 * Header Data Directories", "The .edata Section", "The .idata Section"). Skipped when not built.
 */
class RecorderExportsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"x64, 0x8664", "x86, 0x14c"})
    void theDllHasTheRightMachineEveryExportAndOnlySystemImports(String arch, String machine) throws IOException {
        Path rec = Path.of(System.getProperty("recorder.dir", "target/recorder"));
        Path dll = rec.resolve(arch).resolve("MAPI32.DLL");
        if (!Files.isRegularFile(dll)) {
            Path why = rec.resolve(arch + ".skipped");
            abort("Skipping: the " + arch + " recorder was not built: "
                    + (Files.exists(why) ? Files.readString(why).strip() : "no " + dll));
        }
        Pe pe = new Pe(Files.readAllBytes(dll));
        assertThat(pe.machine).isEqualTo(Integer.decode(machine));

        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/recorder/exports.list"))) {
            String[] f = line.strip().split("\\s+", -1);
            if (!line.startsWith("#") && f.length == 3) {
                expected.add(f[0]);
                expected.add(f[0] + "@" + f[1]);
            }
        }
        assertThat(expected)
                .hasSizeGreaterThan(250)
                .contains(
                        "MAPIInitialize@4",
                        "MAPILogonEx@20",
                        "ScInitMapiUtil@4",
                        "HrQueryAllRows@24",
                        "MAPISendMail",
                        "MAPIAdminProfiles");
        assertThat(pe.exports()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(pe.imports()).containsOnly("ADVAPI32.DLL", "KERNEL32.DLL", "MSVCRT.DLL");
    }

    /** Just enough of a PE reader for the export and import name tables. */
    private static final class Pe {
        final ByteBuffer b;
        final int machine;
        final int sections;
        final int sectionTable;
        final int dirs;

        Pe(byte[] bytes) {
            b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int pe = b.getInt(0x3C);
            assertThat(b.getInt(pe)).as("PE signature").isEqualTo(0x00004550);
            machine = b.getShort(pe + 4) & 0xFFFF;
            sections = b.getShort(pe + 6) & 0xFFFF;
            int optSize = b.getShort(pe + 20) & 0xFFFF;
            int opt = pe + 24;
            int magic = b.getShort(opt) & 0xFFFF;
            dirs = opt + (magic == 0x20B ? 112 : 96);
            sectionTable = opt + optSize;
        }

        int offset(int rva) {
            for (int i = 0; i < sections; i++) {
                int s = sectionTable + 40 * i;
                int va = b.getInt(s + 12);
                int size = Math.max(b.getInt(s + 8), b.getInt(s + 16));
                if (rva >= va && rva < va + size) {
                    return rva - va + b.getInt(s + 20);
                }
            }
            throw new IllegalArgumentException("RVA 0x" + Integer.toHexString(rva) + " is in no section");
        }

        String string(int rva) {
            int o = offset(rva);
            int end = o;
            while (b.get(end) != 0) {
                end++;
            }
            return new String(b.array(), o, end - o, StandardCharsets.US_ASCII);
        }

        List<String> exports() {
            int dir = offset(b.getInt(dirs));
            int count = b.getInt(dir + 24);
            int names = offset(b.getInt(dir + 32));
            List<String> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                out.add(string(b.getInt(names + 4 * i)));
            }
            return out;
        }

        List<String> imports() {
            List<String> out = new ArrayList<>();
            for (int d = offset(b.getInt(dirs + 8)); b.getInt(d + 12) != 0; d += 20) {
                out.add(string(b.getInt(d + 12)).toUpperCase(Locale.ROOT));
            }
            return out;
        }
    }
}
