package dev.mapiworkbench.mapi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The backends on the class path ({@link ServiceLoader}), best first. */
public final class MapiBackends {

    private MapiBackends() {}

    public static List<MapiBackend> all() {
        List<MapiBackend> list = new ArrayList<>();
        ServiceLoader.load(MapiBackend.class, MapiBackends.class.getClassLoader())
                .forEach(list::add);
        list.sort(Comparator.comparingInt(MapiBackend::priority).reversed());
        return list;
    }

    public static Optional<MapiBackend> byId(String id) {
        return all().stream().filter(b -> b.id().equals(id)).findFirst();
    }

    /** The highest-priority backend whose probe says it is available. */
    public static Optional<MapiBackend> best() {
        return all().stream().filter(b -> b.probe().available()).findFirst();
    }
}
