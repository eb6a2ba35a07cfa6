package io.nianbao.core.validate;

import io.nianbao.core.model.ParsedReport;

/** One check of a report. A rule that needs a missing cell reports, as info, that it could not assess it. */
public interface Rule {

    void check(ParsedReport report, Findings findings);

    static String number(Double v) {
        if (v == null) return "missing";
        return v == Math.rint(v) ? Long.toString(v.longValue()) : v.toString();
    }
}
