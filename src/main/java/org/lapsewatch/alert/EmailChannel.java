package org.lapsewatch.alert;

import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.lapsewatch.config.AlertSettings.SmtpSettings;

import java.util.Date;
import java.util.Properties;

/**
 * E-mail over SMTP (Angus Mail): plain-text and HTML parts, STARTTLS or TLS, optional login.
 * The Message-ID is derived from the idempotency key, so a message sent again after a crash
 * carries the same Message-ID and mail clients and archives treat it as the same message.
 */
public final class EmailChannel implements Channel {
    private final SmtpSettings smtp;
    private final Session session;

    public EmailChannel(SmtpSettings smtp) {
        this.smtp = smtp;
        Properties p = new Properties();
        String proto = smtp.tls().equals("tls") ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", smtp.host());
        p.put("mail." + proto + ".port", String.valueOf(smtp.port()));
        String timeout = String.valueOf(smtp.timeout().toMillis());
        p.put("mail." + proto + ".connectiontimeout", timeout);
        p.put("mail." + proto + ".timeout", timeout);
        p.put("mail." + proto + ".writetimeout", timeout);
        if (smtp.tls().equals("starttls")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        Authenticator auth = null;
        if (smtp.username() != null) {
            p.put("mail." + proto + ".auth", "true");
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(smtp.username(), smtp.password());
                }
            };
        }
        this.session = Session.getInstance(p, auth);
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public void deliver(Notification n) throws DeliveryException {
        try {
            MimeMessage mail = new StableIdMessage(session, "<" + MessageText.fingerprint(n.key()) + "@lapsewatch>");
            mail.setFrom(new InternetAddress(smtp.from()));
            for (String to : smtp.to()) {
                mail.addRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(to));
            }
            mail.setSubject(n.message().title(), "UTF-8");
            mail.setSentDate(Date.from(n.message().createdAt()));
            mail.setHeader("X-Lapsewatch-Key", n.key());
            MimeBodyPart text = new MimeBodyPart();
            text.setText(MessageText.plain(n.message()), "UTF-8");
            MimeBodyPart html = new MimeBodyPart();
            html.setContent(MessageText.html(n.message()), "text/html; charset=UTF-8");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            mail.setContent(alternative);
            Transport.send(mail);
        } catch (MessagingException e) {
            throw new DeliveryException("SMTP " + smtp.host() + ":" + smtp.port() + " did not take the message: " + e.getMessage(), e);
        }
    }

    /** Keeps the Message-ID we set instead of generating a new one on save. */
    private static final class StableIdMessage extends MimeMessage {
        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
