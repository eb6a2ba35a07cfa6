package io.nianbao.core.validate.rules;

import io.nianbao.core.model.ParsedReport;
import io.nianbao.core.template.ReviewBlock;
import io.nianbao.core.validate.Findings;
import io.nianbao.core.validate.Rule;
import io.nianbao.core.validate.Severity;

/** REVIEW_SUM and LITIGATION_SUM: in each block of section 四, upheld + corrected + other + pending = total. */
public final class ReviewSumRule implements Rule {

    @Override
    public void check(ParsedReport report, Findings findings) {
        for (ReviewBlock block : ReviewBlock.ALL) {
            if (!report.reviewLitigation().hasRow(block.id())) continue;
            Double total = report.reviewLitigation().value(block.id(), ReviewBlock.Column.TOTAL.id());
            Double sum = 0d;
            for (ReviewBlock.Column part : ReviewBlock.Column.PARTS) {
                Double v = report.reviewLitigation().value(block.id(), part.id());
                sum = v == null || sum == null ? null : sum + v;
            }
            if (sum == null || total == null) {
                findings.add(block.sumRule(), Severity.INFO, "reviewLitigation", block.id(), "total", null, null,
                        block.label() + "合计无法核对：有空缺单元格",
                        block.id() + ": upheld + corrected + other + pending = total could not be assessed, a cell is missing");
            } else if (Math.abs(sum - total) > 1e-9) {
                findings.add(block.sumRule(), Severity.ERROR, "reviewLitigation", block.id(), "total", Rule.number(sum), Rule.number(total),
                        block.label() + "：各项结果之和为 " + Rule.number(sum) + "，总计为 " + Rule.number(total),
                        block.id() + ": upheld + corrected + other + pending = " + Rule.number(sum) + ", total says " + Rule.number(total));
            }
        }
    }
}
