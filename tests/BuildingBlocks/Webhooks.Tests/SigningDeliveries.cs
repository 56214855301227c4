using Microsoft.AspNetCore.Http;
using StandardWebhooks;

namespace StudentBase.Webhooks.Tests;

public class SigningDeliveries
{
    // The specification's published test vector (the reference libraries test against it).
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string MessageId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string Payload = "{\"test\": 2432232314}";
    private static readonly DateTimeOffset Timestamp = DateTimeOffset.FromUnixTimeSeconds(1614265330);

    [Fact]
    public void a_delivery_is_signed_as_the_specifications_test_vector_says()
    {
        WebhookSignature.Sign(Secret, MessageId, Timestamp, Payload).ShouldBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    [Fact]
    public void an_implementation_that_is_not_ours_verifies_the_signature_and_refuses_a_changed_body()
    {
        var now = DateTimeOffset.UtcNow;
        var secret = WebhookSignature.NewSecret();
        var headers = new HeaderDictionary
        {
            [WebhookSignature.IdHeader] = MessageId,
            [WebhookSignature.TimestampHeader] = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            [WebhookSignature.SignatureHeader] = WebhookSignature.Header([secret], MessageId, now, Payload),
        };

        Should.NotThrow(() => new StandardWebhook(secret).Verify(Payload, headers));
        Should.Throw<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => new StandardWebhook(secret).Verify(Payload + " ", headers));
    }

    [Fact]
    public void during_a_rotation_the_header_carries_the_new_secrets_signature_first_then_the_previous_ones()
    {
        var (current, previous) = (WebhookSignature.NewSecret(), WebhookSignature.NewSecret());

        var header = WebhookSignature.Header([current, previous], MessageId, Timestamp, Payload);

        header.Split(' ').ShouldBe([WebhookSignature.Sign(current, MessageId, Timestamp, Payload), WebhookSignature.Sign(previous, MessageId, Timestamp, Payload)]);
    }

    [Fact]
    public void a_new_secret_is_32_random_bytes_with_the_whsec_prefix()
    {
        var secret = WebhookSignature.NewSecret();
        secret.ShouldStartWith("whsec_");
        Convert.FromBase64String(secret["whsec_".Length..]).Length.ShouldBe(32);
        WebhookSignature.NewSecret().ShouldNotBe(secret);
    }
}
