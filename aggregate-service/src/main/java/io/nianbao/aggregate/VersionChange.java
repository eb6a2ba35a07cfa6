package io.nianbao.aggregate;

import io.nianbao.contracts.Read;
import io.nianbao.contracts.avro.ProvinceAggregateRecord;
import io.nianbao.contracts.avro.ValidatedReportRecord;

/**
 * What one record of reports.validated changed for its identity: the version it replaced (null: none)
 * and the version now kept (null: a tombstone retracted the identity), each with its contribution.
 */
public record VersionChange(Read<ValidatedReportRecord> previous, ProvinceAggregateRecord previousContribution,
                            Read<ValidatedReportRecord> current, ProvinceAggregateRecord contribution) {
}
