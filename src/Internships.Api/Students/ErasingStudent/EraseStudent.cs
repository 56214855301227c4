using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Mvc;
using StudentBase.Contracts;
using StudentBase.Http;
using StudentBase.Partners;
using StudentBase.PersonalData;
using JasperFx.Events;
using Wolverine.Http;
using Wolverine.Marten;

namespace Internships.Students.ErasingStudent;

/// <summary>The base erases a student's personal data at their request (PIPL art. 47, GDPR art. 17).</summary>
/// <param name="Reason">Why: the request the erasure answers. Kept with the erasure for the record, so it should not name the person.</param>
public record EraseStudent(string Reason)
{
    public static EraseStudent Example { get; } = new("The student's written request of 2026-11-30 (ticket 4711).");

    public sealed class Validator : AbstractValidator<EraseStudent>
    {
        public static readonly Validator Instance = new();

        public Validator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
    }
}

/// <summary>Who erased the student's personal data, when and why.</summary>
/// <param name="ErasedBy">The partner id of the base administrator who erased it.</param>
public record StudentErasure(Guid StudentId, string ErasedBy, string Reason, DateTimeOffset ErasedAt)
{
    public static StudentErasure Example { get; } = new(Guid.Parse("0196f0c4-1111-7000-8000-000000000001"), "xsp-base",
        EraseStudent.Example.Reason, new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8)));

    public static StudentErasure Of(StudentErased erased) => new(erased.StudentId, erased.ErasedBy, erased.Reason, erased.ErasedAt);
}

public static class EraseStudentEndpoint
{
    public static ProblemDetails Validate(EraseStudent command) => EraseStudent.Validator.Instance.Check(command);

    /// <summary>
    /// Destroys the student's key here and, through <see cref="StudentPersonalDataErased"/>, in the Events and Subsidies
    /// services: the name, passport number and founder data become unreadable in every event, copy and read model, for every
    /// role, and the stores beside the events (permit documents) forget the student's content. The states, dates, counts
    /// and amounts stay. Asking again answers the first erasure and changes nothing.
    /// </summary>
    [WolverinePost("/api/students/{id}/erasure", Name = "EraseStudent")]
    [Allow(PartnerRole.BaseAdministrator)]
    [EndpointSummary("Erase a student's personal data at their request; the non-personal facts stay")]
    public static async Task<(StudentErasure, Events)> Post(
        EraseStudent command,
        [WriteAggregate] Student student,
        ClaimsPrincipal user,
        IDocumentSession session,
        ClearPersonalData clearData,
        IEnumerable<IHoldPersonalData> holders,
        TimeProvider clock,
        CancellationToken cancellation)
    {
        if (student.Erasure is { } earlier)
        {
            return (StudentErasure.Of(earlier), []);
        }

        var erased = new StudentErased(student.Id, user.Partner().PartnerId, command.Reason.Trim(), clock.GetUtcNow());
        session.EraseKey(student.Id, erased.ErasedAt);
        await clearData.SealAsync(session, student.Id, PersonalDataKey.NewFor(student.Id), cancellation);
        foreach (var holder in holders)
        {
            await holder.ForgetAsync(session, student.Id, cancellation);
        }

        return (StudentErasure.Of(erased), [erased]);
    }

    public static ValueTask<IReadOnlyList<object>> Published(IEvent<StudentErased> committed, IQuerySession store, CancellationToken cancellation) =>
        ValueTask.FromResult<IReadOnlyList<object>>([new StudentPersonalDataErased(committed.Data.StudentId, committed.Data.ErasedAt)]);
}
