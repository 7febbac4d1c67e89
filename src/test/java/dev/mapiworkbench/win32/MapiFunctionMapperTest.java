package dev.mapiworkbench.win32;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MapiFunctionMapperTest {

    @Test
    void exportsArePlainOn64Bit() {
        for (String f : MapiFunctionMapper.STDCALL_BYTES.keySet()) {
            assertThat(MapiFunctionMapper.exportName(f, 8)).isEqualTo(f);
        }
    }

    @Test
    void exportsAreStdcallDecoratedOn32Bit() {
        assertThat(MapiFunctionMapper.exportName("MAPIInitialize", 4)).isEqualTo("MAPIInitialize@4");
        assertThat(MapiFunctionMapper.exportName("MAPIUninitialize", 4)).isEqualTo("MAPIUninitialize@0");
        assertThat(MapiFunctionMapper.exportName("MAPILogonEx", 4)).isEqualTo("MAPILogonEx@20");
        assertThat(MapiFunctionMapper.exportName("MAPIAllocateBuffer", 4)).isEqualTo("MAPIAllocateBuffer@8");
        assertThat(MapiFunctionMapper.exportName("MAPIAllocateMore", 4)).isEqualTo("MAPIAllocateMore@12");
        assertThat(MapiFunctionMapper.exportName("MAPIFreeBuffer", 4)).isEqualTo("MAPIFreeBuffer@4");
        assertThat(MapiFunctionMapper.exportName("ScInitMapiUtil", 4)).isEqualTo("ScInitMapiUtil@4");
        assertThat(MapiFunctionMapper.exportName("DeinitMapiUtil", 4)).isEqualTo("DeinitMapiUtil@0");
    }

    @Test
    void everyBoundExportHasAStdcallSize() throws Exception {
        for (var m : MapiLibrary.class.getDeclaredMethods()) {
            assertThat(MapiFunctionMapper.STDCALL_BYTES).as(m.getName()).containsKey(m.getName());
            assertThat(new MapiFunctionMapper(4).getFunctionName(null, m)).contains("@");
        }
    }
}
