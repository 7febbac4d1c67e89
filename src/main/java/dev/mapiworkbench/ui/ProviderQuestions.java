package dev.mapiworkbench.ui;

import dev.mapiworkbench.mapi.ProviderUiHost;
import dev.mapiworkbench.teardown.Transcript;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider's question (ProviderUiHost) asked on the MAPI thread, answered in a dialog on the UI thread; the
 * MAPI thread waits for the answer. Closed without an answer (Esc), interrupted or failed: no answer (null), so the
 * question's default is taken and recorded as defaulted (decision 0840).
 *
 * <p>A replay's questions ({@link #fromTranscript}) are answered with the recording's answers, in the order they
 * were asked, as {@code --answer} does on the command line: each such answer is logged ("answered from the
 * transcript: …"). A recorded default ({@link Transcript.Run#DEFAULTED_ANSWER}: nobody answered it) is given as
 * no answer again, so the replay takes the default and records it as defaulted, not as the person's answer. A
 * question the recording has no answer for, or whose recorded answer is not one of its choices, is asked in the
 * dialog, and the log says why.
 */
final class ProviderQuestions implements ProviderUiHost.ProviderUi {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderQuestions.class);

    private final UiThread uiThread;
    private final DialogService dialogs;
    /** The recorded answers not used yet, or null: every question goes to the dialog. */
    private final Queue<String> recorded;
    /** Where the replay's lines go (any thread; the consumer moves them to the UI thread). */
    private final Consumer<String> log;

    ProviderQuestions(UiThread uiThread, DialogService dialogs) {
        this(uiThread, dialogs, null, line -> {});
    }

    private ProviderQuestions(UiThread uiThread, DialogService dialogs, List<String> recorded, Consumer<String> log) {
        this.uiThread = uiThread;
        this.dialogs = dialogs;
        this.recorded = recorded == null ? null : new ArrayDeque<>(recorded);
        this.log = log;
    }

    /** The questions of a replay: answered with {@code answers} (the recording's, in order), then in the dialog. */
    static ProviderQuestions fromTranscript(
            UiThread uiThread, DialogService dialogs, List<String> answers, Consumer<String> log) {
        return new ProviderQuestions(uiThread, dialogs, answers, log);
    }

    @Override
    public String ask(ProviderUiHost.Request request) {
        if (recorded != null) {
            String answer;
            synchronized (recorded) {
                answer = recorded.poll();
            }
            String asked = request.provider() + " asked \u201c" + request.question() + "\u201d";
            if (Transcript.Run.DEFAULTED_ANSWER.equals(answer)) {
                log.accept(asked + " \u2014 answered from the transcript: its default (" + request.defaultChoice()
                        + "), nobody answered it");
                return null;
            }
            if (answer != null && request.choices().contains(answer)) {
                log.accept(asked + " \u2014 answered from the transcript: " + answer);
                return answer;
            }
            log.accept(asked + " \u2014 "
                    + (answer == null
                            ? "the transcript has no answer for it"
                            : "the transcript's answer '" + answer + "' is not one of its choices " + request.choices())
                    + "; asking you");
        }
        return askInTheDialog(request);
    }

    private String askInTheDialog(ProviderUiHost.Request request) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        uiThread.runLater(() -> {
            try {
                answer.complete(dialogs.askProvider(request));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            LOG.warn("provider question failed, using its default answer", e.getCause());
            return null;
        }
    }
}
