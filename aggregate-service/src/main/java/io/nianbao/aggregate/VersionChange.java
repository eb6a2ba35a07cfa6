package io.nianbao.aggregate;

import io.nianbao.contracts.Read;
import io.nianbao.contracts.avro.ProvinceAggregateRecord;
import io.nianbao.contracts.avro.ValidatedReportRecord;
import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.validate.Finding;
import java.util.List;

/**
 * What one record of reports.validated changed for its identity: the version it replaced (null: none)
 * and the version now kept (null: a tombstone retracted the identity), each with its contribution; the
 * kept version also as the core's report and findings, mapped once for every step that reads them.
 */
public record VersionChange(Read<ValidatedReportRecord> previous, ProvinceAggregateRecord previousContribution,
                            Read<ValidatedReportRecord> current, ProvinceAggregateRecord contribution,
                            ParsedReport currentReport, List<Finding> currentFindings) {

    /** The identity retracted: nothing kept any more. */
    static VersionChange retraction(Read<ValidatedReportRecord> previous, ProvinceAggregateRecord previousContribution) {
        return new VersionChange(previous, previousContribution, null, null, null, null);
    }
}
