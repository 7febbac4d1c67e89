package dev.mapiworkbench.mapi;

/** IMAPIFolder. */
public interface MapiFolder extends MapiProp {

    MapiTable getContentsTable(int flags);

    MapiMessage createMessage(int flags);
}
