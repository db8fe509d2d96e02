package org.lapsewatch.mailflow;

import org.lapsewatch.config.MailflowSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How addresses appear in reports and the store. In the clear, or with the local part replaced
 * by {@code h:} and the first 12 hex digits of SHA-256(salt ‖ local part): the same address always
 * gives the same token under one salt, so samples can still be matched, but not read back.
 */
public final class AddressPrivacy {
    /** The generated salt's file name under the Lapsewatch home. */
    public static final String SALT_FILE = "mailflow-salt";
    private final byte[] salt;

    private AddressPrivacy(byte[] salt) {
        this.salt = salt;
    }

    public static AddressPrivacy clear() {
        return new AddressPrivacy(null);
    }

    public static AddressPrivacy hashedLocalParts(byte[] salt) {
        if (salt == null || salt.length == 0) {
            throw new IllegalArgumentException("mailflow.hashSalt: a salt is required to hash local parts");
        }
        return new AddressPrivacy(salt.clone());
    }

    /**
     * The privacy {@code mailflow:} asks for: in the clear unless {@code hashLocalParts}; the salt is
     * {@code hashSalt}, else the one kept in {@code <home>/mailflow-salt}, generated on first use.
     */
    public static AddressPrivacy fromSettings(MailflowSettings settings, Path home) {
        if (!settings.hashLocalParts()) {
            return clear();
        }
        if (settings.hashSalt() != null) {
            return hashedLocalParts(settings.hashSalt().getBytes(StandardCharsets.UTF_8));
        }
        Path file = home.resolve(SALT_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(home);
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Files.writeString(file, HexFormat.of().formatHex(fresh) + "\n", StandardOpenOption.CREATE_NEW);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the home directory's own protection applies
                }
            }
            return hashedLocalParts(Files.readString(file).strip().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the salt " + file + ": " + e.getMessage(), e);
        }
    }

    public boolean hashes() {
        return salt != null;
    }

    /** The address as it may be shown and stored. */
    public String present(String address) {
        if (salt == null || address == null || address.isEmpty()) {
            return address;
        }
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        String domain = at < 0 ? "" : address.substring(at);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            byte[] digest = sha.digest(local.getBytes(StandardCharsets.UTF_8));
            return "h:" + HexFormat.of().formatHex(digest, 0, 6) + domain;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
