namespace Traffic.Simulation;

public enum VehicleClass : byte
{
    Car = 0,
    Bus = 1,
    Truck = 2,
    Emergency = 3,
}
