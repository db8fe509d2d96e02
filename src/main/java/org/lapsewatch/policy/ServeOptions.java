package org.lapsewatch.policy;

import org.lapsewatch.config.PolicySettings;

/** What both listeners need to know from the settings, read once. */
record ServeOptions(FailMode failMode, boolean dryRun, int maxLineLength, int maxAttributes, int maxRequestBytes) {
    static ServeOptions from(PolicySettings s) {
        return new ServeOptions(FailMode.parse(s.failMode()), s.dryRun(), s.maxLineLength(), s.maxAttributes(),
                s.maxRequestBytes());
    }
}
