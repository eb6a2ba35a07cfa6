package io.nianbao.core.template;

import java.util.List;

/** The seven columns of section 三 (申请人情况). */
public enum ApplicantColumn {
    NATURAL_PERSON("naturalPerson", "自然人"),
    COMMERCIAL_ENTERPRISE("commercialEnterprise", "商业企业"),
    RESEARCH_INSTITUTION("researchInstitution", "科研机构"),
    SOCIAL_WELFARE_ORG("socialWelfareOrg", "社会公益组织"),
    LEGAL_SERVICE_ORG("legalServiceOrg", "法律服务机构"),
    OTHER_ORG("otherOrg", "其他"),
    TOTAL("total", "总计");

    public static final List<ApplicantColumn> ALL = List.of(values());
    /** The six applicant columns whose sum is {@link #TOTAL}. */
    public static final List<ApplicantColumn> APPLICANTS = ALL.subList(0, 6);

    private final String id;
    private final String label;

    ApplicantColumn(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }
}
