package io.nianbao.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.nianbao.core.normalise.TextNormaliser;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One invented text per rule of the metadata reader, each through the normaliser as ReportParser does. */
class MetadataExtractorTest {

    private static final TextNormaliser NORMALISER = new TextNormaliser();
    private static final MetadataExtractor EXTRACTOR = new MetadataExtractor(Gazetteer.get(), Zones.get(), 2026);

    static ReportMetadata read(String text) {
        return EXTRACTOR.extract(NORMALISER.normalise(text).text(), ReportHints.NONE);
    }

    @Nested
    class Years {

        @Test
        void fromTheStatisticsPeriodWhenThereIsNoTitle() {
            ReportMetadata m = read("本报告所列数据的统计期限为2020年1月1日至2020年12月31日。\n一、总体情况\n全年工作有序开展。\n");
            assertThat(m.reportYear()).isEqualTo(2020);
        }

        @Test
        void fromAPeriodWithDroppedDigits() {
            assertThat(read("所列数据的统计期限自20191月1日起至201912月31日止。\n").reportYear()).isEqualTo(2019);
            assertThat(read("所列数据的统计期限自202011日起至20201231日止。\n").reportYear()).isEqualTo(2020);
        }

        @Test
        void fromAPeriodThatNamesItsYearOnce() {
            assertThat(read("数据统计期限 2022年1月1日起至12月31日。\n").reportYear()).isEqualTo(2022);
        }

        @Test
        void aSpanOfYearsIsNoReportYear() {
            ReportMetadata m = read("统计期限为2019年1月1日至2021年12月31日。\n");
            assertThat(m.reportYear()).isNull();
            assertThat(m.warnings()).anyMatch(w -> w.startsWith("REPORT_YEAR_NOT_FOUND"));
        }

        @Test
        void fromTheOpeningOfTheOverviewWithAWarning() {
            ReportMetadata m = read("一、总体情况\n2020年,县水利局严格落实条例要求,扎实推进政务公开。\n");
            assertThat(m.reportYear()).isEqualTo(2020);
            assertThat(m.warnings()).anyMatch(w -> w.startsWith("REPORT_YEAR_FROM_BODY"));
            assertThat(read("一、总体情况\n2019年度,我委认真落实条例。\n").reportYear()).isEqualTo(2019);
            // "since 2019" may open a later year's report
            assertThat(read("一、总体情况\n2019年以来,我委认真落实条例。\n").reportYear()).isNull();
        }

        @Test
        void fromAPageThatOpensWithTheBody() {
            ReportMetadata m = read("发布时间:2022-02-10\n2021年,县乡村振兴局按照条例要求扎实推进政务公开。\n");
            assertThat(m.reportYear()).isEqualTo(2021);
        }

        @Test
        void fromAYearHeadingOfTheOverview() {
            assertThat(read("一、2021年度总体情况\n全年工作有序开展。\n").reportYear()).isEqualTo(2021);
        }

        @Test
        void fromTheWorkReportedSentence() {
            assertThat(read("根据条例要求,现将2024年度政府信息公开工作情况报告如下:\n").reportYear()).isEqualTo(2024);
        }

        @Test
        void aStaleDateBeforeTheTitleDoesNotWin() {
            ReportMetadata m = read("2018年5月6日星期日\n永修县人民政府2021年政府信息公开工作年度报告\n统计期限自2021年1月1日起至2021年12月31日止。\n");
            assertThat(m.reportYear()).isEqualTo(2021);
            ReportMetadata noTitle = read("2018年5月6日星期日\n统计期限自2021年1月1日起至2021年12月31日止。\n");
            assertThat(noTitle.reportYear()).isEqualTo(2021);
        }

        @Test
        void aYearBefore2008OrAfterTheCurrentYearIsRejected() {
            ReportMetadata early = read("永修县人民政府2005年政府信息公开工作年度报告\n");
            assertThat(early.reportYear()).isNull();
            assertThat(early.warnings()).anyMatch(w -> w.startsWith("REPORT_YEAR_REJECTED") && w.contains("2005"));
            ReportMetadata late = read("统计期限为2031年1月1日至2031年12月31日。\n");
            assertThat(late.reportYear()).isNull();
            assertThat(late.warnings()).anyMatch(w -> w.startsWith("REPORT_YEAR_REJECTED") && w.contains("2031"));
        }

        @Test
        void aTitleAndAPeriodThatDisagreeLeaveTheYearUnknown() {
            ReportMetadata m = read("永修县人民政府2022年政府信息公开工作年度报告\n统计期限为2021年1月1日至2021年12月31日。\n");
            assertThat(m.reportYear()).isNull();
            assertThat(m.warnings()).anyMatch(w -> w.startsWith("REPORT_YEAR_CONFLICT"));
        }

        @Test
        void aSentenceWithAnotherYearDoesNotOutvoteTheTitle() {
            ReportMetadata m = read("永修县水利局2022年度政府信息公开工作年度报告\n结合我局实际,编制完成2023年度政府信息公开工作年度报告。统计期限为2022年1月1日至2022年12月31日。\n");
            assertThat(m.reportYear()).isEqualTo(2022);
        }

        @Test
        void noYearAnywhereIsNullWithAWarning() {
            ReportMetadata m = read("一、总体情况\n(一)加强组织领导\n政务公开工作有序开展。\n");
            assertThat(m.reportYear()).isNull();
            assertThat(m.warnings()).anyMatch(w -> w.startsWith("REPORT_YEAR_NOT_FOUND"));
        }
    }

    @Nested
    class Issuers {

        @Test
        void aTitleSplitOverTwoLines() {
            ReportMetadata m = read("江西省统计局\n2022年政府信息公开工作年度报告\n");
            assertThat(m.issuer()).isEqualTo("江西省统计局");
            assertThat(m.reportYear()).isEqualTo(2022);
        }

        @Test
        void aTitleWithTheYearFirst() {
            ReportMetadata m = read("2021年度柳州市民政局政府信息公开工作年度报告\n");
            assertThat(m.issuer()).isEqualTo("柳州市民政局");
            assertThat(m.reportYear()).isEqualTo(2021);
            assertThat(read("2022年永修县人民政府信息公开工作年度报告\n").issuer()).isEqualTo("永修县人民政府");
            assertThat(read("2022年关于做好政府信息公开工作年度报告\n").issuer()).isNull();
        }

        @Test
        void aTitleInOtherWords() {
            ReportMetadata m = read("永修县水利局关于2021年度政府信息公开工作情况的报告\n");
            assertThat(m.issuer()).isEqualTo("永修县水利局");
            assertThat(m.reportYear()).isEqualTo(2021);
            assertThat(read("永修县水利局2020年政府信息公开年报\n").reportYear()).isEqualTo(2020);
        }

        @Test
        void aTitleBrokenInsideItsOrgansName() {
            assertThat(read("永修县三溪桥镇\n人民政府2023年政府信息公开工作年度报告\n").issuer()).isEqualTo("永修县三溪桥镇人民政府");
            assertThat(read("各位读者:\n人民政府2023年政府信息公开工作年度报告\n").issuer()).isNull();
        }

        @Test
        void aSentenceNamingTheReport() {
            ReportMetadata m = read("根据条例规定,现公布永修县三溪桥镇人民政府2023年政府信息公开工作年度报告。\n");
            assertThat(m.issuer()).isEqualTo("永修县三溪桥镇人民政府");
            assertThat(m.region()).isEqualTo("九江市 永修县");
        }

        @Test
        void aSourceLineGluedToATitleGivesWayToTheFullName() {
            ReportMetadata m = read("发布时间:2024-01-20 16:07 信息来源:三溪桥镇政府三溪桥镇2023年政府信息公开工作年度报告\n"
                    + "根据条例规定,现公布永修县三溪桥镇人民政府2023年政府信息公开工作年度报告。\n");
            assertThat(m.issuer()).isEqualTo("永修县三溪桥镇人民政府");
        }

        @Test
        void aNoticeAboutReportsIsNotATitle() {
            ReportMetadata m = read("根据《永修县人民政府办公室关于做好2021年政府信息公开工作年度报告编制发布工作的通知》要求,特编制本报告。\n");
            assertThat(m.issuer()).isNull();
            assertThat(m.warnings()).anyMatch(w -> w.startsWith("ISSUER_NOT_FOUND"));
        }

        @Test
        void wordsBeforeAYearThatNameNoOrgan() {
            ReportMetadata m = read("针对2020年政府信息公开工作年度报告指出的问题,我局认真整改。\n");
            assertThat(m.issuer()).isNull();
            assertThat(m.reportYear()).isNull();
        }

        @Test
        void anOfficeInBracketsIsLeftOut() {
            ReportMetadata m = read("现公布《九江市人民政府(市人民政府办公室)2021年政府信息公开工作年度报告》。\n");
            assertThat(m.issuer()).isEqualTo("九江市人民政府");
        }

        @Test
        void theCompiler() {
            ReportMetadata m = read("本年度报告根据条例要求,由江西省林业局编制。\n");
            assertThat(m.issuer()).isEqualTo("江西省林业局");
            assertThat(m.region()).isEqualTo("江西省");
            assertThat(m.warnings()).anyMatch(w -> w.startsWith("ISSUER_IMPLIED"));
        }

        @Test
        void aTownshipOfficeCompilesItsGovernmentsReport() {
            assertThat(read("本报告由三溪桥镇人民政府党政办公室编制。\n").issuer()).isEqualTo("三溪桥镇人民政府");
            assertThat(read("本报告由白沙街道办事处党政办公室编制。\n").issuer()).isEqualTo("白沙街道办事处");
            // a county's office may report for itself or for its government: not told
            assertThat(read("本报告由永修县人民政府办公室编制。\n").issuer()).isNull();
            assertThat(read("本报告由永修县政务公开办公室负责编制。\n").issuer()).isNull();
        }

        @Test
        void theContactWhenTheTextsOwnWordAgrees() {
            ReportMetadata m = read("一、总体情况\n我局高度重视信息公开工作。如有疑问,请联系宜春市袁州区水利局,电话:0795-0000000。\n");
            assertThat(m.issuer()).isEqualTo("宜春市袁州区水利局");
            assertThat(m.region()).isEqualTo("宜春市 袁州区");
            assertThat(read("如有疑问,请联系宜春市袁州区水利局,电话:0795-0000000。\n").issuer()).isNull();
            assertThat(read("我委高度重视。如有疑问,请联系宜春市袁州区水利局。\n").issuer()).isNull();
        }

        @Test
        void selfReferencesThatAreOtherWords() {
            // 本办法 is a regulation, 我乡村振兴 no township: neither makes the contact the issuer
            assertThat(read("依据本办法开展工作。如有疑问,请与宜春市袁州区人民政府办公室联系。\n").issuer()).isNull();
            assertThat(read("推进我乡村振兴工作。如有疑问,请与宜春市袁州区三阳乡人民政府联系。\n").issuer()).isNull();
            assertThat(read("本局高度重视。如有疑问,可与宜春市袁州区水利局联系。\n").issuer()).isEqualTo("宜春市袁州区水利局");
        }

        @Test
        void theOfficeOfTheOrganTheTextCallsItself() {
            ReportMetadata m = read("我局高度重视。如有疑问,请与宜春市袁州区教育局办公室联系(地址:某路1号)。\n");
            assertThat(m.issuer()).isEqualTo("宜春市袁州区教育局");
        }

        @Test
        void theOrganTheBodyOpensWith() {
            ReportMetadata m = read("一、总体情况\n2022年,湖南省人民政府办公厅坚持以人民为中心,深化政务公开。\n");
            assertThat(m.issuer()).isEqualTo("湖南省人民政府办公厅");
            assertThat(m.region()).isEqualTo("湖南省");
            assertThat(m.province()).isEqualTo("湖南省");
        }

        @Test
        void notTheOfficeOfAJointReport() {
            ReportMetadata m = read("全年共受理公众向市政府(市政府办公厅)提交的申请。\n2022年,九江市人民政府办公厅坚持以人民为中心。\n");
            assertThat(m.issuer()).isNull();
        }

        @Test
        void anOrganWithoutItsPlaceOnlyWhenNamedTwice() {
            assertThat(read("2022年,县政府办公室全面贯彻条例。\n").issuer()).isNull();
            assertThat(read("信息来源:县政府办公室\n2022年,县政府办公室全面贯彻条例。\n").issuer()).isEqualTo("县政府办公室");
        }

        @Test
        void theTownshipTheTextCitesItsOwnDocumentsUnder() {
            assertThat(read("2023年,我镇制定了《白沙镇政务公开工作制度》,规范公开。\n").issuer()).isEqualTo("白沙镇");
            assertThat(read("2023年,我镇学习了《白沙镇政务公开工作制度》和《黄土镇政务公开工作制度》。\n").issuer()).isNull();
            assertThat(read("2023年,我局制定了《白沙镇政务公开工作制度》。\n").issuer()).isNull();
        }

        @Test
        void onlyImpliedIssuersWithoutAnyNameStayUnknown() {
            ReportMetadata m = read("一、总体情况\n2021年,我局严格按照条例及区委区政府的要求开展工作。\n");
            assertThat(m.issuer()).isNull();
            assertThat(m.province()).isNull();
            assertThat(m.region()).isNull();
        }

        @Test
        void traditionalScriptIsReadAfterConversion() {
            ReportMetadata m = read("根據《中華人民共和國政府信息公開條例》規定,現公布廣州市黃埔區人民政府辦公室2021年政府信息公開工作年度報告。"
                    + "本報告由總體情況、主動公開政府信息情況、收到和處理政府信息公開申請情況等部分組成。\n");
            assertThat(m.issuer()).isEqualTo("广州市黄埔区人民政府办公室");
            assertThat(m.region()).isEqualTo("广州市 黄埔区");
            assertThat(m.province()).isEqualTo("广东省");
        }
    }

    @Nested
    class Places {

        @Test
        void aZoneOutsideTheDivisionsWritesItselfIntoTheRegion() {
            ReportMetadata m = read("平潭综合实验区教育局2021年度政府信息公开工作年度报告\n");
            assertThat(m.province()).isEqualTo("福建省");
            assertThat(m.region()).isEqualTo("福州市 平潭综合实验区");
            assertThat(m.divisionCode()).isEqualTo("350128");
        }

        @Test
        void aZonesSubArea() {
            ReportMetadata m = read("平潭综合实验区澳前片区管理局2024年政府信息公开工作年度报告\n");
            assertThat(m.region()).isEqualTo("平潭综合实验区 澳前片区");
            assertThat(m.divisionCode()).isEqualTo("350128");
        }

        @Test
        void aZoneByItsShortFormIsPlacedInItsCity() {
            ReportMetadata m = read("现公布龙南经开区2022年政府信息公开工作年度报告。\n");
            assertThat(m.issuer()).isEqualTo("龙南经开区");
            assertThat(m.province()).isEqualTo("江西省");
            assertThat(m.region()).isEqualTo("赣州市 龙南经开区");
            assertThat(m.divisionCode()).isEqualTo("360783");
        }

        @Test
        void aNewAreaOfAMunicipality() {
            ReportMetadata m = read("两江新区管委会2023年政府信息公开工作年度报告\n");
            assertThat(m.province()).isEqualTo("重庆市");
            assertThat(m.region()).isEqualTo("重庆市 两江新区");
        }

        @Test
        void aMunicipalitysDistrict() {
            ReportMetadata m = read("上海市闵行区民政局2021年政府信息公开工作年度报告\n");
            assertThat(m.region()).isEqualTo("上海市 闵行区");
            assertThat(m.province()).isEqualTo("上海市");
        }

        @Test
        void aProvincesOwnOrgan() {
            ReportMetadata m = read("江苏省水利厅2021年政府信息公开工作年度报告\n");
            assertThat(m.region()).isEqualTo("江苏省");
            assertThat(m.divisionCode()).isEqualTo("320000");
        }

        @Test
        void anAutonomousPrefectureByItsShortName() {
            ReportMetadata m = read("黔东南州民政局2022年政府信息公开工作年度报告\n");
            assertThat(m.region()).isEqualTo("黔东南苗族侗族自治州");
            assertThat(m.province()).isEqualTo("贵州省");
        }

        @Test
        void shortNamesOfAutonomousPrefectures() {
            assertThat(Gazetteer.autonomousPrefecturePlace("黔东南苗族侗族自治州")).isEqualTo("黔东南");
            assertThat(Gazetteer.autonomousPrefecturePlace("西双版纳傣族自治州")).isEqualTo("西双版纳");
            assertThat(Gazetteer.autonomousPrefecturePlace("湘西土家族苗族自治州")).isEqualTo("湘西");
            assertThat(Gazetteer.autonomousPrefecturePlace("海西蒙古族藏族自治州")).isEqualTo("海西");
            assertThat(Gazetteer.autonomousPrefecturePlace("克孜勒苏柯尔克孜自治州")).isEqualTo("克孜勒苏");
        }

        @Test
        void aCitationDoesNotPlaceAnIssuerTheTextPlacesElsewhere() {
            ReportMetadata m = read("我局依据《浙江省政府信息公开办法》开展工作,在赣州市章贡区政府网站公开信息。\n");
            assertThat(m.province()).isEqualTo("江西省");
            assertThat(m.region()).isEqualTo("赣州市 章贡区");
        }

        @Test
        void aCitationAloneGivesItsProvinceButNoRegion() {
            ReportMetadata m = read("我局依据《福建省政府信息公开办法》开展工作。\n");
            assertThat(m.province()).isEqualTo("福建省");
            assertThat(m.region()).isNull();
        }

        @Test
        void citationsOfTwoProvincesGiveNothing() {
            ReportMetadata m = read("我局依据《福建省政府信息公开办法》和《浙江省政府信息公开办法》开展工作。\n");
            assertThat(m.province()).isNull();
        }

        @Test
        void anOcrMisreadPlaceIsCorrectedWithAWarning() {
            ReportMetadata m = read("沐阳县人民政府2021年政府信息公开工作年度报告\n");
            assertThat(m.issuer()).isEqualTo("沭阳县人民政府");
            assertThat(m.region()).isEqualTo("宿迁市 沭阳县");
            assertThat(m.warnings()).anyMatch(w -> w.startsWith("PLACE_OCR_CORRECTED") && w.contains("沐阳县"));
            assertThat(read("永修县沐浴中心2021年政府信息公开工作年度报告\n").warnings()).noneMatch(w -> w.startsWith("PLACE_OCR_CORRECTED"));
            ReportMetadata inText = read("2021年,我局在沐阳县政府网站公开信息。\n");
            assertThat(inText.province()).isEqualTo("江苏省");
            assertThat(inText.region()).isEqualTo("宿迁市 沭阳县");
            assertThat(inText.warnings()).anyMatch(w -> w.startsWith("PLACE_OCR_CORRECTED"));
        }

        @Test
        void spamWhereTheIssuersPlaceStoodIsNoIssuer() {
            ReportMetadata m = read("体育365网投_365bet官网提现说维护县人民政府2021年政府信息公开工作年度报告\n统计期限为2021年1月1日至2021年12月31日。\n");
            assertThat(m.issuer()).isNull();
            assertThat(m.reportYear()).isEqualTo(2021);
            assertThat(m.warnings()).anyMatch(w -> w.startsWith("SPAM_TEXT"));
            assertThat(read("请与365bet娱乐城水利局联系,我局高度重视。\n").issuer()).isNull();
        }

        @Test
        void aSpamTextWhereTheCityStoodNamesNoPlace() {
            ReportMetadata m = read("现公布龙南经开区2022年政府信息公开工作年度报告。本报告电子版可在“体育365网投_365bet官网人民政府网站”下载。\n");
            assertThat(m.region()).isEqualTo("赣州市 龙南经开区");
            assertThat(read("本报告电子版可在“体育365网投_365bet官网人民政府网站”下载。\n").province()).isNull();
        }
    }
}
