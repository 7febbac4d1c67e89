package dev.mapiworkbench.mapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link TransportRule}: the text form, matching, and clear refusals (docs/scenarios.md "Transport rules"). */
class TransportRuleTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "subject~Report=fail:MAPI_E_NETWORK_ERROR",
                "subject~Report=fail:MAPI_E_NETWORK_ERROR:the link went down",
                "#2=hang",
                "#3+=delay:8000",
                "to~bob@example.com=smtp:550 5.1.1 mailbox unavailable",
                "#1&subject~x=offline:5000",
                "*=fail:0x80041234",
                "subject~grey=smtp:451 4.7.1 greylisted"
            })
    @DisplayName("every form reads back as written")
    void roundTrip(String text) {
        assertThat(TransportRule.parse(text).toString()).isEqualTo(text);
        assertThat(TransportRule.parse(TransportRule.parse(text).toString())).isEqualTo(TransportRule.parse(text));
    }

    @Test
    @DisplayName("the parts: a hex HRESULT with a reason, an SMTP reply, a 4xx is transient")
    void parts() {
        TransportRule f = TransportRule.parse(" subject~Q3 = fail:0x80040115:down ");
        assertThat(f.action()).isEqualTo(TransportRule.Action.FAIL);
        assertThat(f.hresult()).isEqualTo(HResult.MAPI_E_NETWORK_ERROR);
        assertThat(f.reason()).isEqualTo("down");
        TransportRule s = TransportRule.parse("to~bob=smtp:550 5.1.1 no such user");
        assertThat(s.hresult()).isEqualTo(HResult.MAPI_E_NOT_FOUND);
        assertThat(s.transient4xx()).isFalse();
        assertThat(TransportRule.parse("*=smtp:421 busy").transient4xx()).isTrue();
        assertThat(TransportRule.parse("#4=delay:0").millis()).isZero();
    }

    @Test
    @DisplayName("matching: #N and #N+, subject and recipient ignoring case, all parts must hold")
    void matching() {
        List<String> to = List.of("ann@example.com", "Bob@Example.com");
        assertThat(TransportRule.parse("#2=hang").matches(2, "s", to)).isTrue();
        assertThat(TransportRule.parse("#2=hang").matches(3, "s", to)).isFalse();
        assertThat(TransportRule.parse("#2+=hang").matches(3, "s", to)).isTrue();
        assertThat(TransportRule.parse("#2+=hang").matches(1, "s", to)).isFalse();
        assertThat(TransportRule.parse("subject~REPORT=hang").matches(1, "weekly report", to))
                .isTrue();
        assertThat(TransportRule.parse("subject~REPORT=hang").matches(1, "weekly", to))
                .isFalse();
        assertThat(TransportRule.parse("to~bob@=hang").matches(1, "s", to)).isTrue();
        assertThat(TransportRule.parse("to~carl=hang").matches(1, "s", to)).isFalse();
        assertThat(TransportRule.parse("#1&to~bob=hang").matches(2, "s", to)).isFalse();
        assertThat(TransportRule.parse("*=hang").matches(99, null, List.of())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "hang",
                "#0=hang",
                "#x=hang",
                "from~a=hang",
                "subject~=hang",
                "*=explode",
                "*=fail:S_OK",
                "*=fail:MAPI_E_NOPE",
                "*=fail:",
                "*=smtp:250 ok",
                "*=smtp:hello",
                "*=delay:-1",
                "*=delay:soon",
                "*=offline:0",
                "*=delay:86400001"
            })
    @DisplayName("a bad rule is refused with a reason")
    void refused(String text) {
        assertThatThrownBy(() -> TransportRule.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("Exception");
    }

    @Test
    @DisplayName("a rule longer than 400 characters is refused")
    void tooLong() {
        assertThatThrownBy(() -> TransportRule.parse("subject~" + "x".repeat(400) + "=hang"))
                .hasMessageContaining("longer than 400");
    }
}
