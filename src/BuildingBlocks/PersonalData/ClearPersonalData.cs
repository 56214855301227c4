using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace StudentBase.PersonalData;

/// <summary>A record that keeps its subject's name sealed (as <see cref="ClearPersonalData"/> seals it).</summary>
public interface ISealedFullName
{
    string EncryptedFullName { get; set; }
}

/// <summary>A member of an event that earlier versions stored in clear and this version stores sealed under another name.</summary>
public sealed record ClearMember(Type EventType, string ClearName, string SealedName);

/// <summary>One event's value, once sealed, in the order of the stream.</summary>
public sealed record SealedValue(Type EventType, string SealedName, string Sealed);

/// <summary>
/// Seals, in place, the personal values that earlier versions of the service stored in clear in its events: a stored event's
/// clear member is replaced by the same value sealed with the subject's key, under the member's current name. The events keep
/// their sequence, version, time and every other value; only a value nobody may keep in clear changes its form.
/// </summary>
public sealed class ClearPersonalData(IEnumerable<ClearMember> members)
{
    private readonly IReadOnlyList<ClearMember> _members = members.ToList();

    /// <summary>The streams with an event that still holds a value in clear.</summary>
    public async Task<IReadOnlyList<Guid>> StreamsHoldingClearValuesAsync(IQuerySession session, CancellationToken cancellation)
    {
        var streams = new HashSet<Guid>();
        foreach (var member in _members)
        {
            streams.UnionWith(await session.AdvancedSql.QueryAsync<Guid>('^',
                $"select distinct stream_id from {Events(session)} where type = ^ and coalesce(data ->> ^, '') <> ''", cancellation,
                TypeName(session, member), member.ClearName));
        }

        return streams.ToList();
    }

    /// <summary>
    /// Queues, in the session's unit of work, the sealing of every clear value of the stream's events with the subject's key;
    /// with a key nobody keeps when the subject's data was erased.
    /// </summary>
    public async Task<IReadOnlyList<SealedValue>> SealAsync(IDocumentSession session, Guid streamId, PersonalDataKey key, CancellationToken cancellation)
    {
        var sealingKey = key.IsErased ? PersonalDataKey.NewFor(streamId) : key;
        var sealedValues = new List<(long Sequence, SealedValue Value)>();
        foreach (var member in _members)
        {
            var clear = await session.AdvancedSql.QueryAsync<ClearValue>('^',
                $"select jsonb_build_object('Sequence', seq_id, 'Value', data ->> ^) from {Events(session)} " +
                "where stream_id = ^ and type = ^ and coalesce(data ->> ^, '') <> ''", cancellation,
                member.ClearName, streamId, TypeName(session, member), member.ClearName);
            foreach (var value in clear)
            {
                var sealedValue = sealingKey.Protect(value.Value);
                session.QueueSqlCommand('^', $"update {Events(session)} set data = (data - ^) || jsonb_build_object(^, ^::text) where seq_id = ^ and coalesce(data ->> ^, '') <> ''",
                    member.ClearName, member.SealedName, sealedValue, value.Sequence, member.ClearName);
                sealedValues.Add((value.Sequence, new SealedValue(member.EventType, member.SealedName, sealedValue)));
            }
        }

        return sealedValues.OrderBy(value => value.Sequence).Select(value => value.Value).ToList();
    }

    /// <summary>
    /// Seals the stream's clear values (see <see cref="SealAsync"/>) and gives its record the latest sealed name when it has none
    /// sealed yet; answers how many values were sealed.
    /// </summary>
    public async Task<int> SealStreamAsync<TRecord>(IDocumentSession session, Guid streamId, PersonalDataKey key, CancellationToken cancellation)
        where TRecord : class, ISealedFullName
    {
        var sealedValues = await SealAsync(session, streamId, key, cancellation);
        if (sealedValues.Count > 0 && await session.LoadAsync<TRecord>(streamId, cancellation) is { } record)
        {
            if (string.IsNullOrEmpty(record.EncryptedFullName))
            {
                record.EncryptedFullName = sealedValues[^1].Sealed;
            }

            session.Store(record);
        }

        return sealedValues.Count;
    }

    private static string Events(IQuerySession session) => $"{session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events";

    private static string TypeName(IQuerySession session, ClearMember member) =>
        ((EventGraph)session.DocumentStore.Options.Events).EventMappingFor(member.EventType).EventTypeName;

    private sealed record ClearValue(long Sequence, string Value);
}

public static class ClearPersonalDataRegistration
{
    /// <summary>Declares a member <typeparamref name="TEvent"/> stored in clear before it was sealed (see <see cref="ClearPersonalData"/>).</summary>
    public static IServiceCollection AddClearPersonalData<TEvent>(this IServiceCollection services, string clearName, string sealedName)
    {
        services.AddSingleton(new ClearMember(typeof(TEvent), clearName, sealedName));
        services.TryAddSingleton<ClearPersonalData>();
        return services;
    }
}
