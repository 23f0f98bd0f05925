namespace Traffic.Mqtt.Validation;

/// <summary>Either an accepted <see cref="Message"/> or a <see cref="Rejection"/>, never both.</summary>
public readonly record struct ValidationResult
{
    private ValidationResult(InboundMessage? message, Rejection? rejection)
    {
        Message = message;
        Rejection = rejection;
    }

    public InboundMessage? Message { get; }

    public Rejection? Rejection { get; }

    public bool IsAccepted => Message is not null;

    public static ValidationResult Accept(InboundMessage message) => new(message, null);

    public static ValidationResult Reject(RejectReason reason, string detail) => new(null, new Rejection(reason, detail));
}
