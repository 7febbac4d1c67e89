package dev.mapiworkbench.trace;

import java.util.HashMap;
import java.util.Map;

/**
 * What {@link CppTraceParser} knows of the MAPI C API: the parameter names of the functions and methods it
 * reads, in C order (MAPIX.h, MAPIDefS.h, MAPIUtil.h), which of them are functions, which parameters take
 * buffers or objects, the interface a declared type or a method names. The interface a call hands back comes
 * from {@link TraceLedger} (decision 0241).
 */
final class CppApis {

    private CppApis() {}

    /** Parameter names of the known functions and methods, in C order (MAPIX.h, MAPIDefS.h, MAPIUtil.h). */
    static final Map<String, String[]> PARAMS = new HashMap<>();

    private static void p(String api, String... names) {
        PARAMS.put(api, names);
    }

    static {
        p("MAPIInitialize", "lpMapiInit");
        p("MAPIUninitialize");
        p("MAPILogonEx", "ulUIParam", "lpszProfileName", "lpszPassword", "ulFlags", "lppSession");
        p("MAPIAllocateBuffer", "cbSize", "lppBuffer");
        p("MAPIAllocateMore", "cbSize", "lpObject", "lppBuffer");
        p("MAPIFreeBuffer", "lpBuffer");
        p("OleInitialize", "pvReserved");
        p("OleUninitialize");
        p("ScInitMapiUtil", "ulFlags");
        p("DeinitMapiUtil");
        p("HrQueryAllRows", "lpTable", "lpPropTags", "lpRestriction", "lpSortOrderSet", "crowsMax", "lppRows");
        p("FreeProws", "lpRows");
        p("HrAllocAdviseSink", "lpfnCallback", "lpvContext", "lppAdviseSink");
        p("HrThisThreadAdviseSink", "lpAdviseSink", "lppAdviseSink");
        p("HrGetOneProp", "lpMapiProp", "ulPropTag", "lppProp");
        p("Release");
        p("AddRef");
        p("QueryInterface", "riid", "ppvObject");
        p("Logoff", "ulUIParam", "ulFlags", "ulReserved");
        p("StoreLogoff", "lpulFlags");
        p("Unadvise", "ulConnection");
        p("Advise", "cbEntryID", "lpEntryID", "ulEventMask", "lpAdviseSink", "lpulConnection");
        p("IMAPITable::Advise", "ulEventMask", "lpAdviseSink", "lpulConnection");
        p("OpenMsgStore", "ulUIParam", "cbEntryID", "lpEntryID", "lpInterface", "ulFlags", "lppMDB");
        p("OpenAddressBook", "ulUIParam", "lpInterface", "ulFlags", "lppAdrBook");
        p("GetMsgStoresTable", "ulFlags", "lppTable");
        p("GetStatusTable", "ulFlags", "lppTable");
        p("OpenEntry", "cbEntryID", "lpEntryID", "lpInterface", "ulFlags", "lpulObjType", "lppUnk");
        p("GetContentsTable", "ulFlags", "lppTable");
        p("GetHierarchyTable", "ulFlags", "lppTable");
        p("CreateMessage", "lpInterface", "ulFlags", "lppMessage");
        p("SubmitMessage", "ulFlags");
        p("SaveChanges", "ulFlags");
        p("QueryFastShutdown");
        p("NotifyProcessShutdown");
        p("DoFastShutdown");
    }

    /** The functions (the rest of {@link #PARAMS} are methods). */
    static final java.util.Set<String> FUNCTIONS = java.util.Set.of(
            "MAPIInitialize",
            "MAPIUninitialize",
            "MAPILogonEx",
            "MAPIAllocateBuffer",
            "MAPIAllocateMore",
            "MAPIFreeBuffer",
            "OleInitialize",
            "OleUninitialize",
            "ScInitMapiUtil",
            "DeinitMapiUtil",
            "HrQueryAllRows",
            "FreeProws",
            "HrAllocAdviseSink",
            "HrThisThreadAdviseSink",
            "HrGetOneProp");

    /** Parameters that take a MAPI buffer, and those that take an object. */
    static final java.util.Set<String> BUFFER_PARAMS = java.util.Set.of("lpBuffer", "lpRows", "lpObject");

    static final java.util.Set<String> OBJECT_PARAMS = java.util.Set.of("lpTable", "lpMapiProp", "lpAdviseSink");

    /** The C parameter names of an API ({@code IMAPITable::Advise}, {@code Logoff}), or null when unknown. */
    static String[] paramNames(String api) {
        String[] n = PARAMS.get(api);
        if (n == null) {
            int i = api.indexOf("::");
            String m = i < 0 ? api : api.substring(i + 2);
            if (i < 0 != FUNCTIONS.contains(m)) {
                return null;
            }
            n = PARAMS.get(m);
        }
        return n == null ? null : n.clone();
    }

    /** The interface a declared type names (MAPIX.h/MAPIDefS.h typedefs). */
    static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("LPMAPISESSION", "IMAPISession"),
            Map.entry("LPMDB", "IMsgStore"),
            Map.entry("LPADRBOOK", "IAddrBook"),
            Map.entry("LPMAPITABLE", "IMAPITable"),
            Map.entry("LPMAPIFOLDER", "IMAPIFolder"),
            Map.entry("LPMESSAGE", "IMessage"),
            Map.entry("LPMAPIADVISESINK", "IMAPIAdviseSink"),
            Map.entry("LPMAPICLIENTSHUTDOWN", "IMAPIClientShutdown"),
            Map.entry("LPUNKNOWN", "IUnknown"));

    /** The interface a method is on, when the variable's type does not tell. */
    static final Map<String, String> METHOD_IFACE = Map.ofEntries(
            Map.entry("Logoff", "IMAPISession"),
            Map.entry("OpenMsgStore", "IMAPISession"),
            Map.entry("OpenAddressBook", "IMAPISession"),
            Map.entry("GetMsgStoresTable", "IMAPISession"),
            Map.entry("GetStatusTable", "IMAPISession"),
            Map.entry("StoreLogoff", "IMsgStore"),
            Map.entry("GetContentsTable", "IMAPIFolder"),
            Map.entry("GetHierarchyTable", "IMAPIFolder"),
            Map.entry("CreateMessage", "IMAPIFolder"),
            Map.entry("SubmitMessage", "IMessage"),
            Map.entry("QueryFastShutdown", "IMAPIClientShutdown"),
            Map.entry("NotifyProcessShutdown", "IMAPIClientShutdown"),
            Map.entry("DoFastShutdown", "IMAPIClientShutdown"));

    /** The interface a declared type names ({@code LPMDB}, {@code IMsgStore *}), or null. */
    static String ifaceOfType(String type) {
        String bare = type.replace("*", "").replace("const", "");
        String iface = TYPES.get(bare);
        if (iface == null
                && type.endsWith("*")
                && bare.startsWith("I")
                && bare.length() > 1
                && Character.isUpperCase(bare.charAt(1))) {
            iface = bare;
        }
        return iface;
    }
}
