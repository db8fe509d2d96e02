-- Each domain's latest registration state and point of no return, written by the watch after
-- every check so that the overview, the timeline, the calendar and the metrics read one small
-- row per domain instead of replaying observation histories.
create table domain_status (
    domain              varchar(253) primary key,
    state               varchar(20)  not null,
    expires             timestamp with time zone,
    releases            timestamp with time zone,
    point_of_no_return  timestamp with time zone,
    explanation         varchar(1000) not null,
    checked_at          timestamp with time zone not null
);

create index domain_status_ponr on domain_status (point_of_no_return);
