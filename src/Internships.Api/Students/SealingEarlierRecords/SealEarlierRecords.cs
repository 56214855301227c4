using FluentValidation;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.PersonalData;
using Wolverine.Http;

namespace Internships.Students.SealingEarlierRecords;

/// <param name="Limit">At most this many students per call (default 500), so a large deployment seals in short transactions.</param>
public record SealEarlierRecords(int? Limit)
{
    public const int DefaultLimit = 500;

    public static SealEarlierRecords Example { get; } = new(DefaultLimit);

    public sealed class Validator : AbstractValidator<SealEarlierRecords>
    {
        public static readonly Validator Instance = new();

        public Validator() => RuleFor(x => x.Limit).InclusiveBetween(1, 5000);
    }
}

/// <param name="Students">Students whose earlier records held a value in clear, sealed by this call.</param>
/// <param name="Values">Values sealed in those records' events.</param>
/// <param name="Remaining">Students still to seal: call again until none remain.</param>
public record EarlierRecordsSealed(int Students, int Values, int Remaining)
{
    public static EarlierRecordsSealed Example { get; } = new(500, 541, 740);
}

public static class SealEarlierRecordsEndpoint
{
    public static ProblemDetails Validate(SealEarlierRecords command) => SealEarlierRecords.Validator.Instance.Check(command);

    /// <summary>
    /// Once, after upgrading a deployment whose earlier version kept students' names in clear: seals every such name in
    /// the stored events and records with the student's key, and shares each key with the Events and Subsidies services,
    /// which seal their copies in turn. An erased student's clear name is sealed with a key nobody keeps. Call it until
    /// nothing remains; running it again then finds nothing left to seal.
    /// </summary>
    [WolverinePost("/api/students/personal-data-sealing", Name = "SealEarlierStudentRecords")]
    [Allow(PartnerRole.BaseAdministrator, PartnerRole.Operator)]
    [EndpointSummary("Seal the personal data earlier versions stored in clear, here and in the other services")]
    public static async Task<EarlierRecordsSealed> Post(
        SealEarlierRecords command, IDocumentSession session, ClearPersonalData clearData, TimeProvider clock, CancellationToken cancellation)
    {
        var values = 0;
        var holding = await clearData.StreamsHoldingClearValuesAsync(session, cancellation);
        var students = holding.Take(command.Limit ?? SealEarlierRecords.DefaultLimit).ToList();
        foreach (var studentId in students)
        {
            var key = await session.KeyForAsync(studentId, cancellation);
            var sealedValues = await clearData.SealStreamAsync<Student>(session, studentId, key, cancellation);
            values += sealedValues;
            if (!key.IsErased && sealedValues > 0)
            {
                session.Events.Append(studentId, new EarlierValuesSealed(studentId, sealedValues, clock.GetUtcNow()));
            }
        }

        return new EarlierRecordsSealed(students.Count, values, holding.Count - students.Count);
    }

    /// <summary>The other services seal their own copies with the key, unless the student was erased before it left.</summary>
    public static async ValueTask<IReadOnlyList<object>> Published(IEvent<EarlierValuesSealed> committed, IQuerySession store, CancellationToken cancellation) =>
        await store.LoadAsync<PersonalDataKey>(committed.Data.StudentId, cancellation) is { IsErased: false } key
            ? [new PersonalDataKeyShared(committed.Data.StudentId, key.Key, committed.Timestamp, SealEarlierCopies: true)]
            : [];
}
