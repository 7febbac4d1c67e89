package dev.mapiworkbench.teardown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The peer fields added for issue 13 item 6 (state, received), in JSON and text, and older files. */
class TranscriptPeerTest {

    private static Transcript withPeer(Transcript.Peer peer) {
        return Transcripts.run(
                "2026-12-01T10:00:00Z", Transcript.CLEAN, List.of(), List.of(), List.of(), List.of(peer));
    }

    @Test
    void statusAndReceivedRoundTripAndShowInTheText() {
        Transcript t = withPeer(new Transcript.Peer(
                "Peer client 1",
                false,
                "fnevCriticalError MAPI_E_END_OF_SESSION",
                "logged-off",
                List.of("fnevCriticalError MAPI_E_END_OF_SESSION")));

        assertThat(TranscriptJson.fromJson(TranscriptJson.toJson(t))).isEqualTo(t);
        assertThat(TranscriptText.format(t))
                .contains("Peer Peer client 1: logged off (fnevCriticalError MAPI_E_END_OF_SESSION); "
                        + "received fnevCriticalError MAPI_E_END_OF_SESSION");
    }

    @Test
    void anOlderTranscriptWithoutTheNewFieldsReadsWithTheStateDerived() {
        String json = TranscriptJson.toJson(withPeer(new Transcript.Peer("p", true, null)))
                .replaceAll(",\\s*\"state\"\\s*:\\s*\"[^\"]*\"", "")
                .replaceAll(",\\s*\"received\"\\s*:\\s*\\[\\s*\\]", "");
        assertThat(json).doesNotContain("\"received\"").doesNotContain("\"state\"");

        Transcript.Peer p = TranscriptJson.fromJson(json).peers().get(0);

        assertThat(p.state()).isEqualTo("logged-on");
        assertThat(p.received()).isEmpty();
        assertThat(p.did()).isEqualTo("still logged on");
    }
}
