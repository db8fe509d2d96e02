package org.lapsewatch.rules;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DmarcRecordTest {
    @Test
    void reads_policy_and_report_domains_without_size_limits() {
        DmarcRecord d = DmarcRecord.select(List.of("unrelated", "v=DMARC1; p=Reject; rua=mailto:a@Reports.example.com!10m, mailto:b@x.nl; ruf=mailto:f@forensic.net")).orElseThrow();
        assertThat(d.policy()).isEqualTo("reject");
        assertThat(d.reportDomains("rua")).containsExactly("reports.example.com", "x.nl");
        assertThat(d.reportDomains("ruf")).containsExactly("forensic.net");
        assertThat(d.reportDomains("rf")).isEmpty();
    }

    @Test
    void two_dmarc_records_are_no_record() {
        assertThat(DmarcRecord.select(List.of("v=DMARC1; p=none", "v=DMARC1; p=reject"))).isEmpty();
    }
}
