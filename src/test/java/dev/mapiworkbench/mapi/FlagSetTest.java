package dev.mapiworkbench.mapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Raw flags typed as hex, decimal or names (values: mapi-reference.md §2.1); unknown bits are kept. */
class FlagSetTest {

    @Test
    void hexDecimalAndNamesParseToTheSameBits() {
        assertThat(FlagSet.LOGOFF.parse("0x3")).isEqualTo(3);
        assertThat(FlagSet.LOGOFF.parse("3")).isEqualTo(3);
        assertThat(FlagSet.LOGOFF.parse("MAPI_LOGOFF_SHARED|MAPI_LOGOFF_UI")).isEqualTo(3);
        assertThat(FlagSet.LOGOFF.parse(" mapi_logoff_ui + 0x1 ")).isEqualTo(3);
        assertThat(FlagSet.LOGOFF.parse("")).isZero();
        assertThat(FlagSet.LOGON.parse("MAPI_EXTENDED, MAPI_UNICODE")).isEqualTo(0x80000020);
        assertThat(FlagSet.INIT.parse("MAPI_MULTITHREAD_NOTIFICATIONS|MAPI_NO_COINIT"))
                .isEqualTo(0x9);
        assertThat(FlagSet.LOGON.parse("0xFFFFFFFF")).isEqualTo(-1);
    }

    @Test
    void unknownBitsArePassedAndShownAsSuch() {
        int v = FlagSet.LOGOFF.parse("MAPI_LOGOFF_UI|0x100");
        assertThat(v).isEqualTo(0x102);
        FlagSet.Decoded d = FlagSet.LOGOFF.decode(v);
        assertThat(d.names()).containsExactly("MAPI_LOGOFF_UI");
        assertThat(d.unknownBits()).isEqualTo(0x100);
        assertThat(d.describe()).isEqualTo("MAPI_LOGOFF_UI | unknown 0x00000100");
        assertThat(FlagSet.LOGOFF.format(3)).isEqualTo("0x00000003 (MAPI_LOGOFF_SHARED | MAPI_LOGOFF_UI)");
        assertThat(FlagSet.LOGOFF.decode(0).describe()).isEqualTo("none (0)");
    }

    @Test
    void badTextIsRejectedNamingThePart() {
        assertThatThrownBy(() -> FlagSet.LOGOFF.parse("MAPI_LOGOF_UI"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'MAPI_LOGOF_UI' is not a IMAPISession::Logoff flag")
                .hasMessageContaining("MAPI_LOGOFF_SHARED, MAPI_LOGOFF_UI");
        assertThatThrownBy(() -> FlagSet.LOGOFF.parse("0xZZ")).hasMessageContaining("'0xZZ' is not a number");
        assertThatThrownBy(() -> FlagSet.LOGOFF.parse("0x100000000")).hasMessageContaining("32-bit");
        assertThatThrownBy(() -> FlagSet.LOGOFF.parse("MAPI_LOGOFF_UI|")).hasMessageContaining("empty part");
    }

    @Test
    void everyNameMatchesTheConstant() {
        assertThat(FlagSet.LOGON
                        .decode(MapiFlags.MAPI_EXTENDED
                                | MapiFlags.MAPI_ALLOW_OTHERS
                                | MapiFlags.MAPI_NEW_SESSION
                                | MapiFlags.MAPI_LOGON_UI
                                | MapiFlags.MAPI_EXPLICIT_PROFILE)
                        .describe()) // MFCMAPI's 0x3B
                .isEqualTo(
                        "MAPI_LOGON_UI | MAPI_NEW_SESSION | MAPI_ALLOW_OTHERS | MAPI_EXPLICIT_PROFILE | MAPI_EXTENDED");
        assertThat(FlagSet.LOGON.knownBits() & 0x3B).isEqualTo(0x3B);
        assertThat(FlagSet.INIT.decode(0x10009).names())
                .containsExactly("MAPI_MULTITHREAD_NOTIFICATIONS", "MAPI_NO_COINIT", "MAPI_NT_SERVICE");
    }
}
