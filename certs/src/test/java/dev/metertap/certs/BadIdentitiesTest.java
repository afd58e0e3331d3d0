package dev.metertap.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.SignatureException;
import java.time.Instant;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BadIdentitiesTest {

    private static CertificateAuthority ca;
    private static BadIdentities bad;

    @BeforeAll
    static void makeAuthority() {
        ca = CertificateAuthority.create("Bad Root");
        bad = new BadIdentities(ca);
    }

    @Test
    void expiredIsPastItsValidity() {
        Identity expired = bad.expired("expired");
        Assertions.assertThatThrownBy(() -> expired.certificate().checkValidity())
                .isInstanceOf(CertificateExpiredException.class);
        assertThat(PgeRequirements.problems(expired.certificate(), Instant.now())).anyMatch(p -> p.startsWith("expired"));
    }

    @Test
    void notYetValidStartsInTheFuture() {
        Identity early = bad.notYetValid("early");
        Assertions.assertThatThrownBy(() -> early.certificate().checkValidity())
                .isInstanceOf(CertificateNotYetValidException.class);
        assertThat(PgeRequirements.problems(early.certificate(), Instant.now())).anyMatch(p -> p.startsWith("not valid yet"));
    }

    @Test
    void otherAuthorityDoesNotChainToOurRoot() {
        Identity other = bad.fromOtherAuthority("stranger");
        Assertions.assertThatThrownBy(() -> other.certificate().verify(ca.certificate().getPublicKey()))
                .isInstanceOf(SignatureException.class);
    }

    @Test
    void withoutClientAuthIsFlagged() {
        Identity server = bad.withoutClientAuth("no eku");
        assertThat(PgeRequirements.problems(server.certificate(), Instant.now()))
                .containsExactly("the certificate lacks the clientAuth extended key usage");
    }

    @Test
    void weakKeyIsFlagged() {
        Identity weak = bad.weakKey("weak");
        assertThat(PgeRequirements.keyBits(weak.certificate())).isEqualTo(1024);
        assertThat(PgeRequirements.problems(weak.certificate(), Instant.now()))
                .containsExactly("the RSA key has 1024 bits, PG&E asks for at least 2048");
    }

    @Test
    void certificateExpiringWithinThirtyDaysIsFlagged() {
        Instant now = Instant.now();
        var keys = KeyPairs.rsa();
        var soon = ca.issue("soon", keys.getPublic(), Usage.CLIENT, java.util.List.of(),
                now.minusSeconds(3600), now.plus(java.time.Duration.ofDays(10)));
        assertThat(PgeRequirements.problems(soon, now)).singleElement().asString().startsWith("expires within 30 days");
    }
}
