package dev.mapiworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.HResult;
import dev.mapiworkbench.mapi.MapiException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Send/Receive and folder selection in the main view model, over a scripted gateway (no FX toolkit). */
class SendReceiveViewModelTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private volatile boolean flushFails;

    private static final SessionGateway.Snapshot ON = new SessionGateway.Snapshot(
            true,
            "Logged on",
            "idle",
            List.of(new SessionGateway.FolderInfo("Mailbox", 0, 0), new SessionGateway.FolderInfo("Sent Items", 1, 1)),
            List.of(new SessionGateway.MessageInfo(
                    "Sent Items", "Hello", "a@example.com", "read", "2026-01-01 10:00:00")),
            List.of(),
            List.of(),
            0,
            null,
            null,
            List.of());

    private SessionGateway gateway() {
        return (SessionGateway) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {SessionGateway.class}, (proxy, m, args) -> {
                    calls.add(m.getName() + (args == null ? "" : java.util.Arrays.toString(args)));
                    return switch (m.getName()) {
                        case "sendReceive" -> {
                            if (flushFails) {
                                throw new MapiException(
                                        HResult.MAPI_E_NO_SUPPORT,
                                        "IMAPIStatus::FlushQueues",
                                        "the spooler lacks STATUS_FLUSH_QUEUES");
                            }
                            yield null;
                        }
                        case "snapshot" -> ON;
                        case "backendName" -> "Scripted";
                        case "transportSettings", "historyDir" -> Optional.empty();
                        case "isLoggedOn", "isSharedAndOwned" -> false;
                        default -> null;
                    };
                });
    }

    private DialogService dialogs() {
        return (DialogService) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DialogService.class}, (proxy, m, args) -> {
                    if (m.getName().equals("showError")) {
                        errors.add((String) args[0]);
                        return null;
                    }
                    return m.getReturnType() == Optional.class ? Optional.empty() : null;
                });
    }

    private MainViewModel model() {
        MainViewModel vm = new MainViewModel(
                gateway(),
                BackgroundExecutor.sameThread(),
                dialogs(),
                UiThread.direct(),
                new FxEventPump(UiThread.direct()));
        vm.apply(ON);
        return vm;
    }

    @Test
    void aRefusedFlushIsShownOnceAndWrittenToTheNotificationLog() {
        MainViewModel vm = model();
        flushFails = true;

        vm.sendReceive();

        assertThat(errors)
                .singleElement()
                .asString()
                .startsWith("Send/Receive failed: ")
                .contains("MAPI_E_NO_SUPPORT")
                .contains("the spooler lacks STATUS_FLUSH_QUEUES");
        assertThat(vm.notifications())
                .filteredOn(l -> l.contains("Send/Receive failed: "))
                .singleElement()
                .asString()
                .contains("MAPI_E_NO_SUPPORT");
        assertThat(vm.loggedOnProperty().get()).isTrue();
    }

    @Test
    void anAcceptedFlushIsLoggedAndRefreshesTheViews() {
        MainViewModel vm = model();

        vm.sendReceive();

        assertThat(errors).isEmpty();
        assertThat(calls).contains("sendReceive");
        assertThat(vm.notifications())
                .anyMatch(l -> l.contains("Send/Receive: FlushQueues(FLUSH_UPLOAD | FLUSH_ASYNC_OK)"))
                .anyMatch(l -> l.contains("the spooler accepted the flush"));
    }

    @Test
    void selectingAFolderAsksTheGatewayForItsMessages() {
        MainViewModel vm = model();

        vm.selectedFolderProperty().set("Sent Items");

        assertThat(calls).contains("selectFolder[Sent Items]");
        assertThat(vm.visibleMessages())
                .extracting(SessionGateway.MessageInfo::subject)
                .containsExactly("Hello");
        vm.selectedFolderProperty().set("Deleted Items");
        assertThat(calls).contains("selectFolder[Deleted Items]");
    }
}
