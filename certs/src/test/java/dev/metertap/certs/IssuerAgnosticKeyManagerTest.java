package dev.metertap.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Principal;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IssuerAgnosticKeyManagerTest {

    private static Identity identity;
    private static final Principal[] SOMEONE_ELSES_CAS = {new X500Principal("CN=Entrust Root Certification Authority - G2")};

    @BeforeAll
    static void makeIdentity() {
        identity = CertificateAuthority.create("my own root").issueClient("me");
    }

    @Test
    void offersItsIdentityWhateverIssuersTheServerLists() {
        IssuerAgnosticKeyManager keys = new IssuerAgnosticKeyManager(identity);
        assertThat(keys.chooseClientAlias(new String[] {"RSA"}, SOMEONE_ELSES_CAS, null)).isEqualTo(Identity.ALIAS);
        assertThat(keys.chooseEngineClientAlias(new String[] {"RSA"}, SOMEONE_ELSES_CAS, null)).isEqualTo(Identity.ALIAS);
        assertThat(keys.chooseEngineClientAlias(new String[] {"RSASSA-PSS"}, null, null)).isEqualTo(Identity.ALIAS);
        assertThat(keys.getCertificateChain(Identity.ALIAS)).containsExactlyElementsOf(identity.chain());
        assertThat(keys.getPrivateKey(Identity.ALIAS)).isEqualTo(identity.privateKey());
    }

    @Test
    void declinesKeyTypesItCannotSignWithAndServerRoles() {
        IssuerAgnosticKeyManager keys = new IssuerAgnosticKeyManager(identity);
        assertThat(keys.chooseEngineClientAlias(new String[] {"EC"}, SOMEONE_ELSES_CAS, null)).isNull();
        assertThat(keys.chooseEngineServerAlias("RSA", null, null)).isNull();
        assertThat(keys.getPrivateKey("other")).isNull();
    }
}
