namespace Traffic.Signals.Config.Generation;

/// <summary>A leg in its role (A, B, C, D or the diagonal) with its compass id.</summary>
internal readonly record struct RoleLeg(string Id, LegSpec Spec)
{
    public string Move(string turn) => Id + "." + turn;
}

/// <summary>The clockwise roles A (main, phase 2 entry), B (side), C (main), D (side) of a spec.</summary>
internal readonly record struct Roles(RoleLeg A, RoleLeg B, RoleLeg C, RoleLeg D)
{
    public static Roles Of(LayoutSpec spec)
    {
        RoleLeg n = new("N", spec.North), e = new("E", spec.East), s = new("S", spec.South), w = new("W", spec.West);
        return (spec.Axis, spec.Flip) switch
        {
            (MainAxis.EastWest, false) => new Roles(w, n, e, s),
            (MainAxis.EastWest, true) => new Roles(e, s, w, n),
            (MainAxis.NorthSouth, false) => new Roles(n, e, s, w),
            _ => new Roles(s, w, n, e),
        };
    }

    /// <summary>The fifth leg, given or 60 degrees clockwise from B; id from its 8-point compass direction.</summary>
    public RoleLeg Diagonal(LayoutSpec spec)
    {
        var d = spec.Diagonal ?? new LegSpec(Bearing.Normalize(B.Spec.BearingDeg + 60), B.Spec.SpeedKmh, 1);
        return new RoleLeg(Bearing.CompassPoint(d.BearingDeg), d);
    }
}
