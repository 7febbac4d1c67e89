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
        return props.stream().filter(p -> p.tag() == tag).findFirst();
    }

    public PropValue get(int tag) {
        return find(tag)
                .orElseThrow(() -> new MapiException(
                        HResult.MAPI_E_NOT_FOUND, "Row.get", PropTag.name(tag) + " is not a column of this row"));
    }
}
