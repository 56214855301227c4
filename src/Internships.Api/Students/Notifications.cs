using JasperFx.Events;
using Marten;
using StudentBase.Contracts;
using StudentBase.Webhooks;

namespace Internships.Students;

/// <summary>A student's record, told to their university (and to the student) when it is registered or corrected.</summary>
public static class Notifications
{
    public static IServiceCollection NotifyPartnersOfStudents(this IServiceCollection services) => services
        .Notify<StudentNominated>("student.registered", "A student was registered for the programme.")
        .Notify<StudentDetailsCorrected>("student.corrected", "A mistake in a student's record was corrected; read the record again.");

    private static IServiceCollection Notify<TEvent>(this IServiceCollection services, string type, string description) where TEvent : notnull =>
        services.NotifyPartners<TEvent>(new NotificationType(type, description, [PartnerRole.University, PartnerRole.Applicant]),
            (committed, store, cancellation) => AboutAsync(type, committed, store, cancellation));

    private static async ValueTask<PartnerNotification?> AboutAsync(string type, IEvent committed, IQuerySession store, CancellationToken cancellation) =>
        await store.LoadAsync<Student>(committed.StreamId, cancellation) is { } student
            ? new PartnerNotification(type, student.Id, $"/api/students/{student.Id}",
                new NotificationAudience(UniversityId: student.UniversityId, StudentId: student.Id),
                new Dictionary<string, Guid> { ["studentId"] = student.Id, ["universityId"] = student.UniversityId })
            : null;
}
