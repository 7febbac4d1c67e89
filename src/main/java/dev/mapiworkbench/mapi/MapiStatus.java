package dev.mapiworkbench.mapi;

/** IMAPIStatus (a status-table row opened with OpenEntry). */
public interface MapiStatus extends MapiProp {

    void validateState(long uiParam, int flags);

    /**
     * FlushQueues(ulUIParam, cbTargetTransport, lpTargetTransport, ulFlags). {@code targetTransport}
     * may be null. Fails MAPI_E_NO_SUPPORT when PR_RESOURCE_METHODS lacks STATUS_FLUSH_QUEUES.
     */
    void flushQueues(long uiParam, EntryId targetTransport, int flags);
}
