package io.nianbao.parse;

import io.nianbao.contracts.AvroMapping;
import io.nianbao.contracts.avro.ParsedReportRecord;
import io.nianbao.contracts.avro.RawReport;
import io.nianbao.core.ReportParser;
import io.nianbao.core.metadata.ReportHints;
import io.nianbao.core.normalise.StrictDecoding;
import io.nianbao.core.model.ParsedReport;
import java.nio.charset.Charset;
import java.nio.charset.CharacterCodingException;

/**
 * The logic behind the consumer: a raw report in, a parsed report out, or the reason it cannot be
 * parsed at all. Deterministic, so a redelivered record gives the same result.
 */
public final class ParseHandler {

    private final ReportParser parser;

    public ParseHandler(ReportParser parser) {
        this.parser = parser;
    }

    /** Input that cannot be parsed at all; the message is the reason a dead letter carries. */
    public static final class Unparseable extends Exception {
        public Unparseable(String reason) {
            super(reason);
        }
    }

    public ParsedReportRecord handle(RawReport raw) throws Unparseable {
        String text = decode(raw);
        ReportHints hints = new ReportHints(raw.getSourceUrl(), raw.getPublisherHint(), raw.getYearHint());
        ParsedReport parsed = parser.parse(raw.getId(), text, hints);
        if (parsed.applications().isEmpty() && parsed.activeDisclosure().isEmpty() && parsed.reviewLitigation().isEmpty()) {
            throw new Unparseable("no table of the annual-report template (sections 二, 三, 四) was found in " + text.length() + " characters");
        }
        return AvroMapping.toRecord(parsed, raw.getReceivedAt());
    }

    private static String decode(RawReport raw) throws Unparseable {
        try {
            return StrictDecoding.decode(raw.getBody(), Charset.forName(raw.getCharset()));
        } catch (CharacterCodingException | IllegalArgumentException e) {
            throw new Unparseable("the body does not decode as " + raw.getCharset() + ": " + e.getMessage());
        }
    }
}
