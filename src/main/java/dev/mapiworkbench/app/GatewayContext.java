package dev.mapiworkbench.app;

import dev.mapiworkbench.app.scenario.Scenario;
import dev.mapiworkbench.client.ClientSession;
import dev.mapiworkbench.teardown.TeardownEngine;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What the parts of the window's gateway ({@link ClientGateway}, {@link GatewayTeardowns}) work over: the
 * client, the teardown engine, where finished runs are saved ({@code historyDir}, or null: no history), the
 * window's scenario now ({@code scenario}, which may supply null) and how a part asks for a fresh snapshot
 * ({@code changed}).
 */
record GatewayContext(
        ClientSession client, TeardownEngine engine, Path historyDir, Supplier<Scenario> scenario, Runnable changed) {}
