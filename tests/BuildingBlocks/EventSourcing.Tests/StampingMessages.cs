using Wolverine;

namespace StudentBase.EventSourcing.Tests;

public class StampingMessages
{
    [Fact]
    public void a_message_sent_outside_any_request_or_handler_carries_no_provenance()
    {
        var envelope = new Envelope();

        Provenance.Stamp(envelope);

        envelope.Headers.ShouldNotContainKey(Provenance.Headers.SentBy);
        envelope.Headers.ShouldNotContainKey(ActorHeaders.PartnerId);
    }
}
