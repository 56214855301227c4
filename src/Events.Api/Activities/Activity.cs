namespace Events.Activities;

/// <summary>The kinds of activity the base runs (domain.md).</summary>
public enum ActivityType
{
    CulturalExperience = 1,
    InternshipFair = 2,
    MentorTraining = 3,
    PolicyGuidance = 4,
    Bootcamp = 5,
    SkillsCompetition = 6,
    CompanyVisit = 7,
    EmploymentCounselling = 8,
    CulturalSalon = 9,
}

/// <summary>Who may register.</summary>
public enum Audience
{
    /// <summary>Any student or graduate the platform knows.</summary>
    Anyone = 1,
    /// <summary>International students still studying on the day (expected graduation not before the activity).</summary>
    InternationalStudents = 2,
    /// <summary>Students of the partner universities the activity names.</summary>
    PartnerUniversityStudents = 3,
    /// <summary>Anyone may ask; the base approves or declines each registration.</summary>
    ByApproval = 4,
}

public enum RegistrationState
{
    AwaitingApproval = 1,
    Seated = 2,
    Waitlisted = 3,
    /// <summary>A freed seat is held for this registration until the offer lapses.</summary>
    Offered = 4,
    Cancelled = 5,
    Declined = 6,
}

public enum CancelledBy
{
    Participant = 1,
    Base = 2,
}

/// <summary>What the base schedules; rescheduling changes the time and venue.</summary>
/// <param name="Sessions">How many sessions the activity has (e.g. the days of a bootcamp); attendance is taken per session.</param>
/// <param name="RequiredSessions">For trainings and bootcamps, the sessions a participant must attend for a completion record.</param>
public record ActivityPlan(
    string Title,
    ActivityType Type,
    string Venue,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int Capacity,
    DateTimeOffset RegistrationOpensAt,
    DateTimeOffset RegistrationClosesAt,
    Audience Audience,
    IReadOnlyList<Guid> PartnerUniversityIds,
    int Sessions,
    int RequiredSessions)
{
    /// <summary>Trainings and bootcamps issue completion records.</summary>
    public bool IssuesCompletionRecords => Type is ActivityType.MentorTraining or ActivityType.Bootcamp;
}

public record ActivityScheduled(Guid ActivityId, Guid? SeriesId, ActivityPlan Plan, DateTimeOffset ScheduledAt);

public record ActivityRescheduled(Guid ActivityId, string Venue, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset RescheduledAt);

/// <summary>The base cancelled the activity; every registrant is told.</summary>
public record ActivityCancelled(Guid ActivityId, string Reason, DateTimeOffset CancelledAt);

/// <summary>A registration arrived; its place in the stream is its place in the queue.</summary>
public record RegistrationReceived(Guid ActivityId, Guid RegistrationId, Guid StudentId, string Code, DateTimeOffset ReceivedAt);

public record RegistrationHeldForApproval(Guid ActivityId, Guid RegistrationId, DateTimeOffset HeldAt);

public record RegistrationApproved(Guid ActivityId, Guid RegistrationId, DateTimeOffset ApprovedAt);

public record RegistrationDeclined(Guid ActivityId, Guid RegistrationId, string Reason, DateTimeOffset DeclinedAt);

public record SeatAssigned(Guid ActivityId, Guid RegistrationId, DateTimeOffset AssignedAt);

public record Waitlisted(Guid ActivityId, Guid RegistrationId, DateTimeOffset WaitlistedAt);

/// <summary>A freed seat is offered to the first on the waitlist, until <paramref name="ExpiresAt"/>.</summary>
public record SeatOffered(Guid ActivityId, Guid RegistrationId, DateTimeOffset ExpiresAt, DateTimeOffset OfferedAt);

/// <summary>The seat offered is still unaccepted a while before it lapses at <paramref name="ExpiresAt"/>: its student is reminded.</summary>
public record SeatOfferLapsing(Guid ActivityId, Guid RegistrationId, DateTimeOffset ExpiresAt, DateTimeOffset RemindedAt);

public record SeatOfferLapsed(Guid ActivityId, Guid RegistrationId, DateTimeOffset LapsedAt);

public record RegistrationCancelled(Guid ActivityId, Guid RegistrationId, CancelledBy By, DateTimeOffset CancelledAt);

public record CheckedIn(Guid ActivityId, Guid RegistrationId, int Session, DateTimeOffset CheckedInAt);

/// <summary>A mistaken check-in was undone; the history keeps both.</summary>
public record CheckInUndone(Guid ActivityId, Guid RegistrationId, int Session, DateTimeOffset UndoneAt);

/// <summary>Attendance was closed when the activity ended: no-shows and completion records follow.</summary>
public record AttendanceClosed(Guid ActivityId, DateTimeOffset ClosedAt);

public record NoShowRecorded(Guid ActivityId, Guid RegistrationId, DateTimeOffset RecordedAt);

/// <summary>The participant attended enough sessions of a training or bootcamp.</summary>
public record CompletionRecorded(Guid ActivityId, Guid RegistrationId, int SessionsAttended, DateTimeOffset RecordedAt);

/// <summary>A competition result, with the award it earned if any.</summary>
public record ResultRecorded(Guid ActivityId, Guid RegistrationId, int Rank, string? Award, DateTimeOffset RecordedAt);

public class Registration
{
    public Guid Id { get; set; }
    public Guid StudentId { get; set; }
    public string Code { get; set; } = "";
    public RegistrationState State { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>When the registration joined the waitlist, counted in joins; null when never waitlisted.</summary>
    public long? WaitlistedAt { get; set; }
    public DateTimeOffset? OfferExpiresAt { get; set; }
    public DateTimeOffset? OfferRemindedAt { get; set; }
    public List<int> SessionsAttended { get; set; } = [];
    public bool NoShow { get; set; }
    public bool Completed { get; set; }
    public int? Rank { get; set; }
    public string? Award { get; set; }

    public bool IsActive => State is RegistrationState.AwaitingApproval or RegistrationState.Seated or RegistrationState.Waitlisted or RegistrationState.Offered;
}

/// <summary>An activity with its registrations: one stream, so its history orders every registration, seat and offer.</summary>
public class Activity
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public Guid? SeriesId { get; set; }
    public ActivityPlan Plan { get; set; } = null!;
    public bool Cancelled { get; set; }
    public string? CancellationReason { get; set; }
    public bool AttendanceClosed { get; set; }
    public List<Registration> Registrations { get; set; } = [];
    public long WaitlistJoins { get; set; }

    /// <summary>Seats taken or held by an offer.</summary>
    public int SeatsInUse => Registrations.Count(registration => registration.State is RegistrationState.Seated or RegistrationState.Offered);

    /// <summary>The waitlist in order: first come, first served.</summary>
    public IEnumerable<Registration> Waitlist => Registrations
        .Where(registration => registration.State == RegistrationState.Waitlisted)
        .OrderBy(registration => registration.WaitlistedAt);

    public Registration? Find(Guid registrationId) => Registrations.Find(registration => registration.Id == registrationId);

    public static Activity Create(ActivityScheduled scheduled) => new()
    {
        Id = scheduled.ActivityId,
        SeriesId = scheduled.SeriesId,
        Plan = scheduled.Plan,
    };

    public void Apply(ActivityRescheduled rescheduled) =>
        Plan = Plan with { Venue = rescheduled.Venue, StartsAt = rescheduled.StartsAt, EndsAt = rescheduled.EndsAt };

    public void Apply(ActivityCancelled cancelled)
    {
        Cancelled = true;
        CancellationReason = cancelled.Reason;
    }

    public void Apply(RegistrationReceived received) => Registrations.Add(new Registration
    {
        Id = received.RegistrationId,
        StudentId = received.StudentId,
        Code = received.Code,
        ReceivedAt = received.ReceivedAt,
    });

    public void Apply(RegistrationHeldForApproval held) => Set(held.RegistrationId, RegistrationState.AwaitingApproval);

    public void Apply(RegistrationApproved _)
    {
    }

    public void Apply(RegistrationDeclined declined) => Set(declined.RegistrationId, RegistrationState.Declined);

    public void Apply(SeatAssigned assigned)
    {
        var registration = Set(assigned.RegistrationId, RegistrationState.Seated);
        registration.OfferExpiresAt = null;
    }

    public void Apply(Waitlisted waitlisted) => Set(waitlisted.RegistrationId, RegistrationState.Waitlisted).WaitlistedAt = ++WaitlistJoins;

    public void Apply(SeatOffered offered) => Set(offered.RegistrationId, RegistrationState.Offered).OfferExpiresAt = offered.ExpiresAt;

    public void Apply(SeatOfferLapsing lapsing) => Find(lapsing.RegistrationId)!.OfferRemindedAt = lapsing.RemindedAt;

    public void Apply(SeatOfferLapsed lapsed) => Set(lapsed.RegistrationId, RegistrationState.Cancelled).OfferExpiresAt = null;

    public void Apply(RegistrationCancelled cancelled) => Set(cancelled.RegistrationId, RegistrationState.Cancelled);

    public void Apply(CheckedIn checkedIn) => Find(checkedIn.RegistrationId)!.SessionsAttended.Add(checkedIn.Session);

    public void Apply(CheckInUndone undone) => Find(undone.RegistrationId)!.SessionsAttended.Remove(undone.Session);

    public void Apply(AttendanceClosed _) => AttendanceClosed = true;

    public void Apply(NoShowRecorded noShow) => Find(noShow.RegistrationId)!.NoShow = true;

    public void Apply(CompletionRecorded completion) => Find(completion.RegistrationId)!.Completed = true;

    public void Apply(ResultRecorded result)
    {
        var registration = Find(result.RegistrationId)!;
        registration.Rank = result.Rank;
        registration.Award = result.Award;
    }

    private Registration Set(Guid registrationId, RegistrationState state)
    {
        var registration = Find(registrationId)!;
        registration.State = state;
        return registration;
    }
}
