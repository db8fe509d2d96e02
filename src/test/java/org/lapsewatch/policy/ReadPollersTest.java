package org.lapsewatch.policy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadPollersTest {
    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty("jdk.pollerMode");
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("jdk.pollerMode");
        } else {
            System.setProperty("jdk.pollerMode", before);
        }
    }

    @Test
    void platformPollerThreadsAreChosenWhenNobodyChoseAMode() {
        System.clearProperty("jdk.pollerMode");
        ReadPollers.preferPlatformThreads();
        assertThat(System.getProperty("jdk.pollerMode")).isEqualTo("1");
    }

    @Test
    void anOperatorsOwnChoiceIsKept() {
        System.setProperty("jdk.pollerMode", "2");
        ReadPollers.preferPlatformThreads();
        assertThat(System.getProperty("jdk.pollerMode")).isEqualTo("2");
    }
}
