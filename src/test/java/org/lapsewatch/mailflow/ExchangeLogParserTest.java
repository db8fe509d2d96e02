package org.lapsewatch.mailflow;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Exchange message tracking logs, 2013+ and 2010 column sets, quoted fields, several recipients. */
class ExchangeLogParserTest {
    private static final String EXCHANGE_2016 = """
            #Software: Microsoft Exchange Server
            #Version: 15.01.2507.027
            #Log-type: Message Tracking Log
            #Date: 2026-11-28T08:00:00.000Z
            #Fields: date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,connector-id,source,event-id,internal-message-id,message-id,network-message-id,recipient-address,recipient-status,total-bytes,recipient-count,related-recipient-address,reference,message-subject,sender-address,return-path,message-info,directionality,tenant-id,original-client-ip,original-server-ip,custom-data,transport-traffic-type,log-id,schema-version
            2026-11-28T08:00:01.123Z,10.0.0.5,app01.samenveilig.example,10.0.0.9,EX01,,,SMTP,RECEIVE,1001,<m1@samenveilig.example>,abc,staff@bjzutrecht.example;boss@bjzutrecht.example,,5000,2,,,"Case file, urgent",app@samenveilig.example,app@samenveilig.example,,Originating,,,,,Email,x,15.01
            2026-11-28T08:00:02.000Z,10.0.0.9,EX01,198.51.100.1,mx.bjzutrecht.example,,EX01\\Internet,SMTP,SEND,1001,<m1@samenveilig.example>,abc,staff@bjzutrecht.example;boss@bjzutrecht.example,250 2.0.0 OK;250 2.0.0 OK,5000,2,,,"Case file, urgent",app@samenveilig.example,app@samenveilig.example,,Originating,,,,,Email,x,15.01
            2026-11-28T08:00:03.000Z,,,,EX01,,,ROUTING,EXPAND,1002,<m2@samenveilig.example>,def,team@samenveilig.example,,100,1,staff@bjzutrecht.example,,"a ""quoted"" subject",hr@samenveilig.example,hr@samenveilig.example,,Originating,,,,,Email,x,15.01
            2026-11-28T08:00:04.000Z,,,,EX01,,EX01\\Internet,SMTP,DEFER,1002,<m2@samenveilig.example>,def,staff@bjzutrecht.example,451 4.4.0,100,1,,,"a ""quoted"" subject",hr@samenveilig.example,hr@samenveilig.example,,Originating,,,,,Email,x,15.01
            2026-11-28T08:00:05.000Z,,,,EX01,,,DSN,DSN,1003,<m3@samenveilig.example>,ghi,hr@samenveilig.example,,100,1,,,,<>,<>,,Originating,,,,,Email,x,15.01
            """;
    private static final String EXCHANGE_2010 = """
            #Fields: date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,connector-id,source,event-id,internal-message-id,message-id,recipient-address,recipient-status,total-bytes,recipient-count,related-recipient-address,reference,message-subject,sender-address,return-path,message-info,directionality,tenant-id,original-client-ip,original-server-ip,custom-data
            2026-11-28T09:00:00.000Z,,,,EX2010,,,STOREDRIVER,DELIVER,77,<m9@partner.example>,ceo@samenveilig.example,,10,1,,,Hello,a@partner.example,a@partner.example,,Incoming,,,,
            2026-11-28T09:00:01.000Z,,,,EX2010,,,SMTP,FAIL,78,<m10@samenveilig.example>,old@bjzutrecht.example,550 5.1.1,10,1,,,Bye,b@samenveilig.example,b@samenveilig.example,,Originating,,,,
            """;

    @Test
    void send_defer_and_fail_count_per_recipient_and_receive_gives_the_origin() {
        Scans.Result result = Scans.scanText(LogFormat.AUTO, EXCHANGE_2016);

        assertThat(result.formats()).containsExactly(LogFormat.EXCHANGE);
        assertThat(result.byDomain()).containsOnlyKeys("bjzutrecht.example");
        DomainExposure old = result.domain("bjzutrecht.example");
        assertThat(old.messages()).isEqualTo(2);
        assertThat(old.recipients()).isEqualTo(2);
        assertThat(old.attempts(DeliveryStatus.SENT)).isEqualTo(2);
        assertThat(old.attempts(DeliveryStatus.DEFERRED)).isEqualTo(1);
        assertThat(old.topSenders()).containsExactly(new Count("app@samenveilig.example", 2), new Count("hr@samenveilig.example", 1));
        assertThat(old.topSystems()).containsExactly(new Count("EX01 SMTP EX01\\Internet", 3));
        assertThat(old.topOrigins()).containsExactly(new Count("client app01.samenveilig.example", 2), new Count("(unknown)", 1));
        assertThat(old.lastSeen()).isEqualTo(Instant.parse("2026-11-28T08:00:04Z"));
        assertThat(result.summary().malformed()).isZero();
    }

    @Test
    void exchange_2010_columns_are_read_from_its_own_header() {
        Scans.Result result = Scans.scanText(LogFormat.EXCHANGE, EXCHANGE_2010);

        assertThat(result.domain("samenveilig.example").attempts(DeliveryStatus.SENT)).isEqualTo(1);
        assertThat(result.domain("bjzutrecht.example").attempts(DeliveryStatus.BOUNCED)).isEqualTo(1);
        assertThat(result.domain("bjzutrecht.example").topSystems()).containsExactly(new Count("EX2010 SMTP", 1));
    }

    @Test
    void records_before_a_fields_header_are_malformed() {
        Scans.Result result = Scans.scanText(LogFormat.EXCHANGE, "2026-11-28T09:00:00.000Z,,,,EX,,,SMTP,SEND\n");

        assertThat(result.summary().malformed()).isEqualTo(1);
        assertThat(result.byDomain()).isEmpty();
    }
}
