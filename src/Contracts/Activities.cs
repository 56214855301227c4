namespace StudentBase.Contracts;

/// <summary>Published by the Events service when the base cancelled an activity: one notice naming every registrant to tell.</summary>
/// <param name="ActivityType">One of the activity types, e.g. MentorTraining.</param>
public record ActivityCancelled(
    Guid ActivityId,
    string Title,
    string ActivityType,
    DateTimeOffset StartsAt,
    string Reason,
    IReadOnlyList<Guid> RegistrantStudentIds,
    DateTimeOffset CancelledAt);

/// <summary>Published by the Events service the first time a participant is checked in to an activity.</summary>
public record ParticipantAttended(Guid ActivityId, Guid StudentId, string Title, string ActivityType, DateOnly AttendedOn, DateTimeOffset RecordedAt);

/// <summary>Published by the Events service when a participant's attendance of a training or bootcamp met its completion rule.</summary>
public record TrainingCompleted(
    Guid ActivityId, Guid StudentId, string Title, string ActivityType, int SessionsAttended, DateOnly CompletedOn, DateTimeOffset RecordedAt);

/// <summary>Published by the Events service when a competition result carries an award.</summary>
public record AwardGranted(Guid ActivityId, Guid StudentId, string Title, int Rank, string Award, DateTimeOffset GrantedAt);
