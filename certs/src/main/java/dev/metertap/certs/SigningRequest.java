package dev.metertap.certs;

import java.security.KeyPair;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** A PKCS#10 certificate signing request (the CSR of the tutorials), SHA-256 with RSA. */
public final class SigningRequest {

    private SigningRequest() {
    }

    public static PKCS10CertificationRequest create(KeyPair keys, String commonName) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(CertificateAuthority.name(commonName), keys.getPublic())
                    .build(new JcaContentSignerBuilder(CertificateAuthority.SIGNATURE_ALGORITHM).build(keys.getPrivate()));
        } catch (Exception e) {
            throw new CertificateException("cannot create a signing request for " + commonName, e);
        }
    }
}
