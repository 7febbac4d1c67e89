package dev.mapiworkbench.sim;

import static dev.mapiworkbench.sim.SimFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiBuffer;
import dev.mapiworkbench.mapi.MapiInit;
import dev.mapiworkbench.mapi.SubsystemDiagnostics.Leak;
import dev.mapiworkbench.mapi.TransportSettings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** MAPIAllocateBuffer / MAPIAllocateMore / MAPIFreeBuffer (mapi-reference §1.1, mapifreebuffer.md). */
class SimBufferTest {

    private final SimRuntime rt = SimFixture.initialized(TransportSettings.instant());

    @Test
    @DisplayName("§1.1 mapifreebuffer.md: MAPIFreeBuffer(NULL) does nothing")
    void freeNullIsANoOp() {
        rt.mapiFreeBuffer(null);
        assertThat(rt.diagnostics().outstandingBuffers()).isZero();
        assertThat(rt.diagnostics().faults()).isEmpty();
    }

    @Test
    @DisplayName("a second MAPIFreeBuffer of the same buffer fails MAPI_E_INVALID_PARAMETER; reads after free fail too")
    void doubleFreeFails() {
        MapiBuffer b = rt.mapiAllocateBuffer(32);
        rt.mapiFreeBuffer(b);
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> rt.mapiFreeBuffer(b));
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, b::read);
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> b.write(new byte[1]));
    }

    @Test
    @DisplayName("MAPIAllocateMore blocks are freed with their parent and cannot be freed alone")
    void allocateMoreFreedWithParent() {
        MapiBuffer parent = rt.mapiAllocateBuffer(8);
        MapiBuffer child = rt.mapiAllocateMore(100, parent);
        MapiBuffer grandChild = rt.mapiAllocateMore(4, child);
        assertThat(rt.diagnostics().outstandingBuffers()).isEqualTo(3);
        assertThat(child.size()).isEqualTo(100);
        assertThat(child.address()).isNotEqualTo(parent.address());
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> rt.mapiFreeBuffer(child));
        rt.mapiFreeBuffer(parent);
        assertThat(rt.diagnostics().outstandingBuffers()).isZero();
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, child::read);
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, grandChild::read);
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> rt.mapiAllocateMore(4, parent));
    }

    @Test
    @DisplayName(
            "bad sizes: negative MAPI_E_INVALID_PARAMETER, huge MAPI_E_NOT_ENOUGH_MEMORY; writes past the end fail")
    void badSizes() {
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> rt.mapiAllocateBuffer(-1));
        assertFails(HResult.MAPI_E_NOT_ENOUGH_MEMORY, () -> rt.mapiAllocateBuffer(Integer.MAX_VALUE));
        MapiBuffer b = rt.mapiAllocateBuffer(2);
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> b.write(new byte[3]));
        assertFails(HResult.MAPI_E_INVALID_PARAMETER, () -> rt.mapiAllocateMore(1, null));
    }

    @Test
    @DisplayName("§1.1 buffers alive at the LAST MAPIUninitialize are leaks; an inner MAPIUninitialize reports nothing")
    void buffersAliveAtLastUninitializeAreLeaks() {
        rt.mapiInitialize(MapiInit.multithreaded());
        MapiBuffer kept = rt.mapiAllocateBuffer(24);
        rt.mapiAllocateMore(8, kept);
        MapiBuffer freed = rt.mapiAllocateBuffer(8);
        rt.mapiFreeBuffer(freed);
        rt.mapiUninitialize();
        assertThat(rt.diagnostics().leaks()).isEmpty();
        rt.mapiUninitialize();
        assertThat(rt.diagnostics().leaks()).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo("BUFFER");
            assertThat(l.name()).isEqualTo(String.format("0x%X", kept.address()));
            assertThat(l.detail()).contains("24 bytes", "+1 MAPIAllocateMore", "last MAPIUninitialize");
        });
        assertThat(rt.diagnostics().leaks()).extracting(Leak::kind).containsOnly("BUFFER");
    }
}
