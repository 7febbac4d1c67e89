package dev.mapiworkbench.mapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** mapi-reference §2.4: every code, its value and its name. */
class HResultTest {

    @Test
    void everyReferenceCodeHasItsDocumentedValue() {
        assertThat(HResult.S_OK.value()).isZero();
        assertThat(HResult.MAPI_E_CALL_FAILED.value()).isEqualTo(0x80004005);
        assertThat(HResult.MAPI_E_NOT_ENOUGH_MEMORY.value()).isEqualTo(0x8007000E);
        assertThat(HResult.MAPI_E_INVALID_PARAMETER.value()).isEqualTo(0x80070057);
        assertThat(HResult.MAPI_E_INTERFACE_NOT_SUPPORTED.value()).isEqualTo(0x80004002);
        assertThat(HResult.MAPI_E_NO_ACCESS.value()).isEqualTo(0x80070005);
        assertThat(HResult.MAPI_E_NO_SUPPORT.value()).isEqualTo(0x80040102);
        assertThat(HResult.MAPI_E_BAD_CHARWIDTH.value()).isEqualTo(0x80040103);
        assertThat(HResult.MAPI_E_UNKNOWN_FLAGS.value()).isEqualTo(0x80040106);
        assertThat(HResult.MAPI_E_INVALID_OBJECT.value()).isEqualTo(0x80040108);
        assertThat(HResult.MAPI_E_OBJECT_DELETED.value()).isEqualTo(0x8004010A);
        assertThat(HResult.MAPI_E_BUSY.value()).isEqualTo(0x8004010B);
        assertThat(HResult.MAPI_E_NOT_ENOUGH_RESOURCES.value()).isEqualTo(0x8004010E);
        assertThat(HResult.MAPI_E_NOT_FOUND.value()).isEqualTo(0x8004010F);
        assertThat(HResult.MAPI_E_VERSION.value()).isEqualTo(0x80040110);
        assertThat(HResult.MAPI_E_LOGON_FAILED.value()).isEqualTo(0x80040111);
        assertThat(HResult.MAPI_E_SESSION_LIMIT.value()).isEqualTo(0x80040112);
        assertThat(HResult.MAPI_E_USER_CANCEL.value()).isEqualTo(0x80040113);
        assertThat(HResult.MAPI_E_NETWORK_ERROR.value()).isEqualTo(0x80040115);
        assertThat(HResult.MAPI_E_TOO_COMPLEX.value()).isEqualTo(0x80040117);
        assertThat(HResult.MAPI_E_UNCONFIGURED.value()).isEqualTo(0x8004011C);
        assertThat(HResult.MAPI_E_END_OF_SESSION.value()).isEqualTo(0x80040200);
        assertThat(HResult.MAPI_E_UNKNOWN_ENTRYID.value()).isEqualTo(0x80040201);
        assertThat(HResult.MAPI_W_ERRORS_RETURNED.value()).isEqualTo(0x00040380);
        assertThat(HResult.MAPI_E_TIMEOUT.value()).isEqualTo(0x80040401);
        assertThat(HResult.MAPI_E_NOT_INITIALIZED.value()).isEqualTo(0x80040605);
    }

    @Test
    void mapiErrorsAreBuiltWithFacilityItf() {
        // MAKE_MAPI_E(x) = 0x80000000 | 4 << 16 | x (MAPICode.h:84-90)
        HResult.known().values().stream()
                .filter(h -> h.name().startsWith("MAPI_E_") && (h.value() & 0xFFFF0000) == 0x80040000)
                .forEach(h -> assertThat(h.value() & 0x0FFF0000).isEqualTo(4 << 16));
        assertThat(HResult.known()).hasSizeGreaterThanOrEqualTo(27);
    }

    @Test
    void namesDecodeAndUnknownCodesPrintAsHex() {
        assertThat(HResult.of(0x8004010F)).isSameAs(HResult.MAPI_E_NOT_FOUND);
        assertThat(HResult.of(0x8004010F).toString()).isEqualTo("MAPI_E_NOT_FOUND (0x8004010F)");
        HResult unknown = HResult.of(0x8004ABCD);
        assertThat(unknown.name()).isEqualTo("0x8004ABCD");
        assertThat(unknown.isKnown()).isFalse();
        assertThat(unknown.toString()).isEqualTo("0x8004ABCD");
        assertThat(unknown).isEqualTo(HResult.of(0x8004ABCD));
    }

    @Test
    void warningsSucceedAndErrorsFail() {
        assertThat(HResult.MAPI_W_ERRORS_RETURNED.succeeded()).isTrue();
        assertThat(HResult.S_FALSE.succeeded()).isTrue();
        assertThat(HResult.MAPI_E_END_OF_SESSION.failed()).isTrue();
    }

    @Test
    void checkRaisesAnExceptionCarryingTheHresult() {
        assertThatThrownBy(() -> HResult.MAPI_E_END_OF_SESSION.check("IMsgStore::GetProps"))
                .isInstanceOfSatisfying(MapiException.class, e -> {
                    assertThat(e.hresult()).isEqualTo(HResult.MAPI_E_END_OF_SESSION);
                    assertThat(e.api()).isEqualTo("IMsgStore::GetProps");
                    assertThat(e.getMessage()).contains("MAPI_E_END_OF_SESSION (0x80040200)");
                });
        assertThat(HResult.S_OK.check("x")).isSameAs(HResult.S_OK);
    }
}
