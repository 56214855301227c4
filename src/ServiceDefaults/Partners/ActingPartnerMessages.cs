using Marten;
using Microsoft.AspNetCore.Http;
using Wolverine;
using Wolverine.Postgresql;

namespace StudentBase.ServiceDefaults.Partners;

/// <summary>
/// Carries the acting partner (id and role) from the request that sent an integration message to the events its
/// consumers store, so every event in every service names who caused it.
/// </summary>
public static class ActingPartnerMessages
{
    // HttpContextAccessor keeps the current request in a static async-local, so any instance sees it.
    private static readonly HttpContextAccessor Requests = new();

    /// <summary>Routes a message to each consumer's inbox queue, stamped with the acting partner.</summary>
    public static void PublishToInboxes<T>(this WolverineOptions messaging, params string[] inboxes)
    {
        foreach (var inbox in inboxes)
        {
            messaging.PublishMessage<T>().ToPostgresqlQueue(inbox).CustomizeOutgoing(Stamp);
        }
    }

    private static void Stamp(Envelope envelope)
    {
        if (Requests.HttpContext?.User is { } user && Partner.From(user) is { } partner)
        {
            envelope.Headers[ActorHeaders.PartnerId] = partner.PartnerId;
            envelope.Headers[ActorHeaders.PartnerRole] = partner.Role.ToString();
        }
    }

    /// <summary>Handler middleware: the events a message handler stores carry the partner the message names.</summary>
    public static class Recorder
    {
        public static void Before(Envelope envelope, IDocumentSession session)
        {
            if (envelope.Headers.TryGetValue(ActorHeaders.PartnerId, out var partnerId) && partnerId is not null)
            {
                session.LastModifiedBy = partnerId;
                session.SetHeader(ActorHeaders.PartnerId, partnerId);
            }

            if (envelope.Headers.TryGetValue(ActorHeaders.PartnerRole, out var role) && role is not null)
            {
                session.SetHeader(ActorHeaders.PartnerRole, role);
            }
        }
    }
}
