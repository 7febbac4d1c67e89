package dev.mapiworkbench.sim.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapiworkbench.mapi.PropTag;
import java.util.Map;

/** Property-map comparison that treats {@code byte[]} values by content. */
final class StoreAssertions {

    private StoreAssertions() {}

    static void assertSameProps(Map<Integer, Object> actual, Map<Integer, Object> expected) {
        assertThat(actual.keySet()).as("property tags").containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<Integer, Object> e : expected.entrySet()) {
            Object a = actual.get(e.getKey());
            String name = PropTag.name(e.getKey());
            if (e.getValue() instanceof byte[] b) {
                assertThat(a).as(name).isInstanceOf(byte[].class);
                assertThat((byte[]) a).as(name).containsExactly(b);
            } else {
                assertThat(a).as(name).isEqualTo(e.getValue());
                assertThat(a)
                        .as(name + " type")
                        .isExactlyInstanceOf(e.getValue().getClass());
            }
        }
    }
}
