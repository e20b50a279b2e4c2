package dev.synod.node.api;

import dev.synod.node.ca.CertificateSigner;
import dev.synod.node.interceptor.CallContext;
import dev.synod.proto.v1.CaRootsRequest;
import dev.synod.proto.v1.CaRootsResponse;
import dev.synod.proto.v1.CertificatesGrpc;
import dev.synod.proto.v1.SignCertificateRequest;
import dev.synod.proto.v1.SignCertificateResponse;
import dev.synod.security.pki.Pem;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;

/** The built-in CA's API: a caller gets a certificate for its own role, under the name it asks for. */
public final class CertificateService extends CertificatesGrpc.CertificatesImplBase {
  private final RegistryGateway gateway;
  private final CertificateSigner signer;

  public CertificateService(RegistryGateway gateway, CertificateSigner signer) {
    this.gateway = gateway;
    this.signer = signer;
  }

  @Override
  public void sign(SignCertificateRequest request, StreamObserver<SignCertificateResponse> observer) {
    CertificateSigner.Signed signed;
    try {
      signed = signer.sign(CallContext.identity().role(), request.getName(), request.getCsrPem(),
          Duration.ofSeconds(request.getTtlSeconds()), request.getDnsNamesList(), request.getIpAddressesList());
    } catch (StatusRuntimeException e) {
      observer.onError(e);
      return;
    }
    observer.onNext(SignCertificateResponse.newBuilder().setHeader(gateway.header(gateway.appliedRevision()))
        .setCertificatePem(Pem.encodeCertificates(signed.certificate()))
        .setCaCertificatePem(Pem.encodeCertificates(signed.ca()))
        .setNotAfterUnixMs(signed.certificate().getNotAfter().getTime()).build());
    observer.onCompleted();
  }

  @Override
  public void roots(CaRootsRequest request, StreamObserver<CaRootsResponse> observer) {
    String pem;
    try {
      pem = Pem.encodeCertificates(signer.caCertificate());
    } catch (StatusRuntimeException e) {
      observer.onError(e);
      return;
    }
    observer.onNext(CaRootsResponse.newBuilder().setHeader(gateway.header(gateway.appliedRevision()))
        .setCaCertificatePem(pem).build());
    observer.onCompleted();
  }
}
