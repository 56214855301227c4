namespace StudentBase.EventSourcing;

/// <summary>
/// A message speaks of something this service has not heard of yet (e.g. an internship milestone of a student whose
/// registration is still on its way). The message is retried, later and later, instead of being dropped; if the fact never
/// arrives it ends in the dead-letter store, from where it can be replayed.
/// </summary>
public sealed class NotYetKnownException(string what) : Exception($"{what} is not known here yet; the message will be retried.");
