package dev.mapiworkbench.mapi;

import java.util.List;
import java.util.Optional;

/** One SRow of a table: the property values of the current column set, in column order. */
public record Row(List<PropValue> props) {

    public Row {
        props = List.copyOf(props);
    }

    /** The value with exactly this tag, if the row has it (not a PT_ERROR stand-in). */
    public Optional<PropValue> find(int tag) {
        // a loop, not a stream: the client reads several columns of every row (100,000 at a logon)
        for (int i = 0, n = props.size(); i < n; i++) {
            PropValue p = props.get(i);
            if (p.tag() == tag) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public PropValue get(int tag) {
        return find(tag)
                .orElseThrow(() -> new MapiException(
                        HResult.MAPI_E_NOT_FOUND, "Row.get", PropTag.name(tag) + " is not a column of this row"));
    }
}
