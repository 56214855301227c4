using System.Text.RegularExpressions;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using StudentBase.Contracts;

namespace StudentBase.Webhooks;

/// <summary>
/// Whom a notification is about, and so which partners may receive it: the base always; a university, a company (branch
/// station) or an applicant when the subject is theirs; the roles named (e.g. the exit-entry administration, finance).
/// </summary>
public sealed record NotificationAudience(Guid? UniversityId = null, Guid? BranchStationId = null, Guid? StudentId = null, params PartnerRole[] Roles)
{
    public bool Reaches(PartnerRole role, Guid? scopeId) => role switch
    {
        PartnerRole.BaseAdministrator => true,
        PartnerRole.University => scopeId is not null && scopeId == UniversityId,
        PartnerRole.Company => scopeId is not null && scopeId == BranchStationId,
        PartnerRole.Applicant => scopeId is not null && scopeId == StudentId,
        _ => Roles.Contains(role),
    };
}

/// <summary>
/// A moment partners act on, as a thin payload: what happened to which subject, the ids of those involved and where to read
/// it. Ids and links only, never personal data: a partner reads the subject with its key, which sees what its role may.
/// </summary>
/// <param name="SubjectId">The record the notification is about; notifications about one subject are delivered in order.</param>
/// <param name="Url">Where to read the subject (relative to the service).</param>
/// <param name="Ids">The ids of those involved, named as in the API (e.g. <c>studentId</c>, <c>universityId</c>).</param>
public sealed record PartnerNotification(string Type, Guid SubjectId, string Url, NotificationAudience Audience, IReadOnlyDictionary<string, Guid> Ids);

/// <summary>What a committed event tells partners, if anything, read with the store (e.g. the internship it belongs to).</summary>
public delegate ValueTask<PartnerNotification?> NotificationOf<TEvent>(IEvent<TEvent> committed, IQuerySession store, CancellationToken cancellation)
    where TEvent : notnull;

/// <summary>What a committed event tells partners about each of several subjects (e.g. every registration of a cancelled activity).</summary>
public delegate ValueTask<IReadOnlyList<PartnerNotification>> NotificationsOf<TEvent>(IEvent<TEvent> committed, IQuerySession store, CancellationToken cancellation)
    where TEvent : notnull;

/// <summary>One kind of notification in the service's catalogue.</summary>
/// <param name="Roles">The roles it may reach (the base always).</param>
public sealed record NotificationType(string Type, string Description, IReadOnlyList<PartnerRole> Roles);

public static partial class PartnerNotifications
{
    /// <summary>
    /// Tells subscribed partners when an event of <typeparamref name="TEvent"/> is committed, as notification
    /// <paramref name="type"/> (dot-separated, e.g. <c>internship.started</c>).
    /// </summary>
    public static IServiceCollection NotifyPartners<TEvent>(this IServiceCollection services, NotificationType type, NotificationOf<TEvent> notification)
        where TEvent : notnull =>
        services.NotifyPartnersOfEach<TEvent>(type, async (committed, store, cancellation) =>
            await notification(committed, store, cancellation) is { } one ? [one] : []);

    /// <summary>As <see cref="NotifyPartners{TEvent}"/>, for an event that concerns several subjects: one notification each.</summary>
    public static IServiceCollection NotifyPartnersOfEach<TEvent>(this IServiceCollection services, NotificationType type, NotificationsOf<TEvent> notifications)
        where TEvent : notnull
    {
        if (!TypeName().IsMatch(type.Type))
        {
            throw new ArgumentException($"'{type.Type}' is not a notification type (dot-separated words of letters, digits and '_').", nameof(type));
        }

        services.AddSingleton(type);
        services.AddSingleton(new NotificationSource(typeof(TEvent), (committed, store, cancellation) =>
            notifications((IEvent<TEvent>)committed, store, cancellation)));
        return services;
    }

    [GeneratedRegex("^[a-z0-9_]+(\\.[a-z0-9_]+)+$")]
    private static partial Regex TypeName();
}

/// <summary>The notifications this service sends.</summary>
public sealed record NotificationCatalogue(IReadOnlyList<NotificationType> Items);

internal sealed record NotificationSource(Type EventType, Func<IEvent, IQuerySession, CancellationToken, ValueTask<IReadOnlyList<PartnerNotification>>> NotificationsOf);
