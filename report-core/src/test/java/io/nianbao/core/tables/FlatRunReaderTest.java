package io.nianbao.core.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.core.template.Template;
import org.junit.jupiter.api.Test;

class FlatRunReaderTest {

    private final FlatRunReader reader = new FlatRunReader();

    private static final String T2021 = "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
            + "一、本年新收政府信息公开申请数量 21710000218二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开2000002（二）部分公开（区分处理的，只计这一情形，不计其他情形）0000000"
            + "（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开00000003.危及“三安全一稳定”00000004.保护第三方合法权益00000005.属于三类内部事务信息00000006.属于四类过程性信息0000000"
            + "7.属于行政执法案卷00000008.属于行政查询事项0000000（四）无法提供1.本机关不掌握相关政府信息21510000216 2.没有现成信息需要另行制作00000003.补正后申请内容仍不明确0000000"
            + "（五）不予处理1.信访举报投诉类申请00000002.重复申请00000003.要求提供公开出版物00000004.无正当理由大量反复申请00000005.要求行政机关确认或重新出具已获取信息0000000"
            + "（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请00000002.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请3.其他（七）总计21710000218"
            + "四、结转下年度继续办理0000000四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计"
            + "结果维持结果纠正其他结果尚未审结总计0 00 0 0 1 0 0 01 3 0 0 0 3 五、存在的主要问题及改进情况";

    @Test
    void readsAOneLineBodyWithRunsGluedToTheNextRowsNumber() {
        FlatRunReader.Section s = reader.readApplications(T2021);
        assertThat(s.template()).isEqualTo(Template.T2021);
        assertThat(s.table().value("newReceived", "naturalPerson")).isEqualTo(217);
        assertThat(s.table().value("newReceived", "commercialEnterprise")).isEqualTo(1);
        assertThat(s.table().value("newReceived", "total")).isEqualTo(218);
        assertThat(s.table().value("results.granted", "total")).isEqualTo(2);
        assertThat(s.table().value("results.unavailable.notHeld", "naturalPerson")).isEqualTo(215);
        assertThat(s.table().value("results.unavailable.notHeld", "total")).isEqualTo(216);
        assertThat(s.table().value("results.total", "total")).isEqualTo(218);
        assertThat(s.table().value("carriedForward", "total")).isEqualTo(0);
    }

    @Test
    void rowsPrintingNoDigitsAreMissingNotShifted() {
        FlatRunReader.Section s = reader.readApplications(T2021);
        assertThat(s.table().value("results.otherDisposal.unpaidFee", "total")).isNull();
        assertThat(s.table().value("results.otherDisposal.otherReasons", "total")).isNull();
        assertThat(s.table().value("results.otherDisposal.overdueCorrection", "total")).isEqualTo(0);
        assertThat(s.warnings()).anyMatch(w -> w.startsWith("CELLS_MISSING") && w.contains("results.otherDisposal.unpaidFee"));
    }

    @Test
    void sectionFourIsOneRunOfFifteenCountsInThreeBlocks() {
        FlatRunReader.Section s = reader.readReview(T2021);
        assertThat(s.table().value("administrativeReview", "total")).isEqualTo(0);
        assertThat(s.table().value("litigationDirect", "upheld")).isEqualTo(1);
        assertThat(s.table().value("litigationDirect", "total")).isEqualTo(1);
        assertThat(s.table().value("litigationAfterReview", "upheld")).isEqualTo(3);
        assertThat(s.table().value("litigationAfterReview", "total")).isEqualTo(3);
    }

    @Test
    void noLabelsNoSection() {
        assertThat(reader.readApplications("本机关2023年共收到政府信息公开申请5件。").found()).isFalse();
        // a narrative quoting one row's label is no table: 55 must not become 5|…|5
        assertThat(reader.readApplications("全年本年新收政府信息公开申请数量55件，上年结转政府信息公开申请数量0件，均已办结。").found()).isFalse();
        assertThat(reader.readReview("未发生行政复议和行政诉讼。").found()).isFalse();
        assertThat(reader.readReview("本年度行政复议结果维持22件。").found()).isFalse();
    }
}
