// In-process SUMO for the runner: answers TraCI request messages with libsumo (SUMO's simulation as a library,
// Debian package sumo: libsumocpp.so and /usr/include/libsumo) instead of a sumo process behind a TCP socket.
//
// The C# client builds exactly the messages it sends over TCP and reads the answer with the same reader, so the
// runner, its sensors and the policies do not know which way SUMO runs. Only the commands the client sends are
// served: get version, get variable, set variable (traffic lights), variable subscription, simulation step and
// close; a variable this file does not know is answered with an error status naming it, as SUMO would answer an
// unknown one. Subscriptions are kept here and their values written after every step, as SUMO's TraCI server
// does; a vehicle's subscription ends when the vehicle has left the network.
//
// Built by Traffic.Sumo.csproj (g++ -shared ... -lsumocpp) into libtraffic_libsumo.so. libsumo holds one
// simulation per process: the C# side lets one in-process run at a time.
//
// C interface:
//   int    traffic_sumo_load(int argc, const char** argv)   0, or -1 (traffic_sumo_error tells why)
//   int    traffic_sumo_exchange(const uint8_t* request, int length, const uint8_t** reply, int* replyLength)
//   const char* traffic_sumo_error()
//   double traffic_sumo_cpu_seconds()                        thread CPU spent inside libsumo calls so far
//   void   traffic_sumo_close()                              closes the simulation if one is still loaded
#include <libsumo/libsumo.h>
#include <libsumo/TraCIConstants.h>

#include <cstdint>
#include <cstring>
#include <cstdlib>
#include <ctime>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

// TraCI domains (the low nibble of the command ids) the client uses.
constexpr int kTrafficLight = 0x02;
constexpr int kLane = 0x03;
constexpr int kVehicle = 0x04;
constexpr int kSimulation = 0x0B;
constexpr int kLaneArea = 0x0D;

constexpr uint8_t kTypeInteger = 0x09;
constexpr uint8_t kTypeDouble = 0x0B;
constexpr uint8_t kTypeString = 0x0C;
constexpr uint8_t kTypeStringList = 0x0E;
constexpr uint8_t kTypePosition2D = 0x01;

constexpr uint8_t kStatusOk = 0x00;
constexpr uint8_t kStatusNotImplemented = 0x01;
constexpr uint8_t kStatusError = 0xFF;

std::string lastError;
double cpuSeconds = 0;

double ThreadCpu() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Adds the thread CPU of its scope to cpuSeconds.
struct CpuScope {
    double start = ThreadCpu();
    ~CpuScope() { cpuSeconds += ThreadCpu() - start; }
};

// Big-endian TraCI writer.
class Out {
public:
    std::vector<uint8_t> bytes;

    void Byte(uint8_t v) { bytes.push_back(v); }
    void Int(int32_t v) {
        const auto u = static_cast<uint32_t>(v);
        for (int s = 24; s >= 0; s -= 8) bytes.push_back(static_cast<uint8_t>(u >> s));
    }
    void Double(double v) {
        uint64_t u;
        std::memcpy(&u, &v, sizeof u);
        for (int s = 56; s >= 0; s -= 8) bytes.push_back(static_cast<uint8_t>(u >> s));
    }
    void String(const std::string& v) {
        Int(static_cast<int32_t>(v.size()));
        bytes.insert(bytes.end(), v.begin(), v.end());
    }
    void StringList(const std::vector<std::string>& v) {
        Int(static_cast<int32_t>(v.size()));
        for (const auto& s : v) String(s);
    }

    // A command: its length (one byte, or 0 and four bytes when longer than 255) written when it ends.
    size_t Begin(uint8_t id) {
        const size_t start = bytes.size();
        bytes.insert(bytes.end(), 5, 0);
        bytes.push_back(id);
        return start;
    }
    void End(size_t start) {
        const size_t size = bytes.size() - (start + 5);  // id + content
        if (size + 1 <= 255) {
            bytes.erase(bytes.begin() + static_cast<long>(start) + 1, bytes.begin() + static_cast<long>(start) + 5);
            bytes[start] = static_cast<uint8_t>(size + 1);
        } else {
            bytes[start] = 0;
            const auto total = static_cast<uint32_t>(size + 5);
            for (int i = 0; i < 4; i++) bytes[start + 1 + i] = static_cast<uint8_t>(total >> (24 - 8 * i));
        }
    }
    void Status(uint8_t command, uint8_t result, const std::string& description) {
        const size_t c = Begin(command);
        Byte(result);
        String(description);
        End(c);
    }
};

// Big-endian TraCI reader over one request message; throws std::runtime_error when the message is short.
class In {
public:
    In(const uint8_t* data, int length) : data_(data), end_(static_cast<size_t>(length)) {}
    size_t pos = 0;
    bool AtEnd() const { return pos >= end_; }
    uint8_t Byte() { Need(1); return data_[pos++]; }
    int32_t Int() {
        Need(4);
        uint32_t u = 0;
        for (int i = 0; i < 4; i++) u = (u << 8) | data_[pos++];
        return static_cast<int32_t>(u);
    }
    double Double() {
        Need(8);
        uint64_t u = 0;
        for (int i = 0; i < 8; i++) u = (u << 8) | data_[pos++];
        double v;
        std::memcpy(&v, &u, sizeof v);
        return v;
    }
    std::string String() {
        const int32_t n = Int();
        if (n < 0) throw std::runtime_error("negative string length in the request");
        Need(static_cast<size_t>(n));
        std::string s(reinterpret_cast<const char*>(data_ + pos), static_cast<size_t>(n));
        pos += static_cast<size_t>(n);
        return s;
    }

private:
    void Need(size_t n) const {
        if (pos + n > end_) throw std::runtime_error("the request ends in the middle of a command");
    }
    const uint8_t* data_;
    size_t end_;
};

std::string Hex(int v) {
    char b[8];
    std::snprintf(b, sizeof b, "0x%02X", v & 0xFF);
    return b;
}

// Lanes and lane-area (E2) detectors answer the same last-step variables; false for any other variable.
template <class Domain>
bool WriteOccupancyValue(Out& out, int variable, const std::string& id) {
    using namespace libsumo;
    switch (variable) {
        case TRACI_ID_LIST: out.Byte(kTypeStringList); out.StringList(Domain::getIDList()); return true;
        case LAST_STEP_VEHICLE_NUMBER: out.Byte(kTypeInteger); out.Int(Domain::getLastStepVehicleNumber(id)); return true;
        case LAST_STEP_MEAN_SPEED: out.Byte(kTypeDouble); out.Double(Domain::getLastStepMeanSpeed(id)); return true;
        case LAST_STEP_VEHICLE_ID_LIST: out.Byte(kTypeStringList); out.StringList(Domain::getLastStepVehicleIDs(id)); return true;
        case LAST_STEP_OCCUPANCY: out.Byte(kTypeDouble); out.Double(Domain::getLastStepOccupancy(id)); return true;
        case LAST_STEP_VEHICLE_HALTING_NUMBER: out.Byte(kTypeInteger); out.Int(Domain::getLastStepHaltingNumber(id)); return true;
    }
    return false;
}

// Writes the type tag and value of one variable of one object. Throws libsumo::TraCIException when the object
// is unknown (as SUMO's server does) and std::invalid_argument for a variable this file does not serve.
void WriteValue(Out& out, int domain, int variable, const std::string& id) {
    using namespace libsumo;
    auto integer = [&](int v) { out.Byte(kTypeInteger); out.Int(v); };
    auto number = [&](double v) { out.Byte(kTypeDouble); out.Double(v); };
    auto text = [&](const std::string& v) { out.Byte(kTypeString); out.String(v); };
    auto list = [&](const std::vector<std::string>& v) { out.Byte(kTypeStringList); out.StringList(v); };
    switch (domain) {
        case kSimulation:
            switch (variable) {
                case VAR_TIME: return number(Simulation::getTime());
                case VAR_LOADED_VEHICLES_NUMBER: return integer(Simulation::getLoadedNumber());
                case VAR_DEPARTED_VEHICLES_NUMBER: return integer(Simulation::getDepartedNumber());
                case VAR_DEPARTED_VEHICLES_IDS: return list(Simulation::getDepartedIDList());
                case VAR_TELEPORT_STARTING_VEHICLES_NUMBER: return integer(Simulation::getStartingTeleportNumber());
                case VAR_ARRIVED_VEHICLES_NUMBER: return integer(Simulation::getArrivedNumber());
                case VAR_ARRIVED_VEHICLES_IDS: return list(Simulation::getArrivedIDList());
                case VAR_MIN_EXPECTED_VEHICLES: return integer(Simulation::getMinExpectedNumber());
            }
            break;
        case kLane:
            if (WriteOccupancyValue<Lane>(out, variable, id)) return;
            break;
        case kLaneArea:
            if (WriteOccupancyValue<LaneArea>(out, variable, id)) return;
            break;
        case kVehicle:
            switch (variable) {
                case TRACI_ID_LIST: return list(Vehicle::getIDList());
                case VAR_SPEED: return number(Vehicle::getSpeed(id));
                case VAR_POSITION: {
                    const auto p = Vehicle::getPosition(id);
                    out.Byte(kTypePosition2D);
                    out.Double(p.x);
                    out.Double(p.y);
                    return;
                }
                case VAR_LANE_ID: return text(Vehicle::getLaneID(id));
                case VAR_LANEPOSITION: return number(Vehicle::getLanePosition(id));
                case VAR_WAITING_TIME: return number(Vehicle::getWaitingTime(id));
            }
            break;
        case kTrafficLight:
            switch (variable) {
                case TRACI_ID_LIST: return list(TrafficLight::getIDList());
                case TL_RED_YELLOW_GREEN_STATE: return text(TrafficLight::getRedYellowGreenState(id));
                case TL_CURRENT_PHASE: return integer(TrafficLight::getPhase(id));
                case TL_CURRENT_PROGRAM: return text(TrafficLight::getProgram(id));
            }
            break;
    }

    throw std::invalid_argument("variable " + Hex(variable) + " of domain " + Hex(domain) + " is not served in-process");
}

void Set(int domain, int variable, const std::string& id, In& in) {
    using namespace libsumo;
    const uint8_t type = in.Byte();
    if (domain == kTrafficLight && type == kTypeString && variable == TL_RED_YELLOW_GREEN_STATE) {
        TrafficLight::setRedYellowGreenState(id, in.String());
        return;
    }
    if (domain == kTrafficLight && type == kTypeString && variable == TL_PROGRAM) {
        TrafficLight::setProgram(id, in.String());
        return;
    }
    if (domain == kTrafficLight && type == kTypeInteger && variable == TL_PHASE_INDEX) {
        TrafficLight::setPhase(id, in.Int());
        return;
    }

    throw std::invalid_argument("setting variable " + Hex(variable) + " (type " + Hex(type) + ") of domain " + Hex(domain) +
                                " is not served in-process");
}

struct Subscription {
    int domain;
    std::string id;
    std::vector<uint8_t> variables;
};

std::vector<Subscription> subscriptions;
std::map<std::pair<int, std::string>, size_t> subscriptionIndex;

// One subscription response (0xE0 | domain). False when the object is gone (a vehicle that has left): the
// subscription then ends and nothing is written.
bool WriteSubscription(Out& out, const Subscription& s) {
    const size_t mark = out.bytes.size();
    const size_t c = out.Begin(static_cast<uint8_t>(0xE0 | s.domain));
    out.String(s.id);
    out.Byte(static_cast<uint8_t>(s.variables.size()));
    for (const auto v : s.variables) {
        out.Byte(v);
        const size_t statusAt = out.bytes.size();
        out.Byte(kStatusOk);
        try {
            WriteValue(out, s.domain, v, s.id);
        } catch (const libsumo::TraCIException& e) {
            if (s.domain == kVehicle) {
                out.bytes.resize(mark);
                return false;
            }
            out.bytes.resize(statusAt);
            out.Byte(kStatusError);
            out.Byte(kTypeString);
            out.String(e.what());
        } catch (const std::invalid_argument& e) {
            out.bytes.resize(statusAt);
            out.Byte(kStatusError);
            out.Byte(kTypeString);
            out.String(e.what());
        }
    }
    out.End(c);
    return true;
}

void Subscribe(In& in, int domain, Out& out, uint8_t command) {
    in.Double();  // begin
    in.Double();  // end
    Subscription s{domain, in.String(), {}};
    const int n = in.Byte();
    for (int i = 0; i < n; i++) s.variables.push_back(in.Byte());
    out.Status(command, kStatusOk, "");
    if (!WriteSubscription(out, s)) {
        throw libsumo::TraCIException("vehicle '" + s.id + "' is not known");
    }
    const auto key = std::make_pair(domain, s.id);
    const auto found = subscriptionIndex.find(key);
    if (found != subscriptionIndex.end()) {
        subscriptions[found->second] = std::move(s);
    } else {
        subscriptionIndex[key] = subscriptions.size();
        subscriptions.push_back(std::move(s));
    }
}

// After a step: every live subscription's values, count first; ended subscriptions are dropped.
void WriteStepAnswer(Out& out) {
    const size_t countAt = out.bytes.size();
    out.Int(0);
    int count = 0;
    size_t kept = 0;
    for (size_t i = 0; i < subscriptions.size(); i++) {
        if (WriteSubscription(out, subscriptions[i])) {
            count++;
            if (kept != i) subscriptions[kept] = std::move(subscriptions[i]);
            kept++;
        }
    }
    if (kept != subscriptions.size()) {
        subscriptions.resize(kept);
        subscriptionIndex.clear();
        for (size_t i = 0; i < subscriptions.size(); i++) subscriptionIndex[{subscriptions[i].domain, subscriptions[i].id}] = i;
    }
    const auto u = static_cast<uint32_t>(count);
    for (int i = 0; i < 4; i++) out.bytes[countAt + i] = static_cast<uint8_t>(u >> (24 - 8 * i));
}

void Dispatch(In& in, size_t commandEnd, uint8_t command, Out& out) {
    using namespace libsumo;
    const int domain = command & 0x0F;
    switch (command & 0xF0) {
        case 0xA0: {
            const uint8_t variable = in.Byte();
            const std::string id = in.String();
            Out value;
            WriteValue(value, domain, variable, id);
            out.Status(command, kStatusOk, "");
            const size_t c = out.Begin(static_cast<uint8_t>(0xB0 | domain));
            out.Byte(variable);
            out.String(id);
            out.bytes.insert(out.bytes.end(), value.bytes.begin(), value.bytes.end());
            out.End(c);
            return;
        }
        case 0xC0: {
            const uint8_t variable = in.Byte();
            const std::string id = in.String();
            Set(domain, variable, id, in);
            out.Status(command, kStatusOk, "");
            return;
        }
        case 0xD0:
            Subscribe(in, domain, out, command);
            return;
    }

    switch (command) {
        case CMD_GETVERSION: {
            const auto version = Simulation::getVersion();
            out.Status(command, kStatusOk, "");
            const size_t c = out.Begin(CMD_GETVERSION);
            out.Int(version.first);
            out.String(version.second);
            out.End(c);
            return;
        }
        case CMD_SIMSTEP:
            Simulation::step(in.Double());
            out.Status(command, kStatusOk, "");
            WriteStepAnswer(out);
            return;
        case CMD_CLOSE:
            Simulation::close();
            subscriptions.clear();
            subscriptionIndex.clear();
            out.Status(command, kStatusOk, "");
            return;
    }

    in.pos = commandEnd;
    out.Status(command, kStatusNotImplemented, "command " + Hex(command) + " is not served in-process");
}

Out reply;

}  // namespace

extern "C" {

__attribute__((visibility("default"))) const char* traffic_sumo_error() { return lastError.c_str(); }

__attribute__((visibility("default"))) double traffic_sumo_cpu_seconds() { return cpuSeconds; }

__attribute__((visibility("default"))) void traffic_sumo_close() {
    CpuScope cpu;
    subscriptions.clear();
    subscriptionIndex.clear();
    try {
        if (libsumo::Simulation::isLoaded()) libsumo::Simulation::close();
    } catch (const std::exception& e) {
        lastError = e.what();
    }
}

__attribute__((visibility("default"))) int traffic_sumo_load(int argc, const char** argv) {
    CpuScope cpu;
    if (std::getenv("SUMO_HOME") == nullptr) setenv("SUMO_HOME", "/usr/share/sumo", 0);
    std::vector<std::string> args(argv, argv + argc);
    subscriptions.clear();
    subscriptionIndex.clear();
    try {
        libsumo::Simulation::load(args);
        lastError.clear();
        return 0;
    } catch (const std::exception& e) {
        lastError = e.what();
        return -1;
    }
}

// Answers one TraCI request message (with its four-byte length) with one reply message; the reply stays valid
// until the next call. Returns 0, or -1 when the request itself is malformed (traffic_sumo_error tells why).
// A command that fails gets an error status in the reply, as over TCP.
__attribute__((visibility("default"))) int traffic_sumo_exchange(const uint8_t* request, int length, const uint8_t** replyData,
                                                                 int* replyLength) {
    CpuScope cpu;
    reply.bytes.clear();
    reply.Int(0);
    try {
        In in(request, length);
        const int total = in.Int();
        if (total != length) throw std::runtime_error("message length field " + std::to_string(total) + " != " + std::to_string(length));
        while (!in.AtEnd()) {
            const size_t start = in.pos;
            int size = in.Byte();
            if (size == 0) size = in.Int();
            const size_t end = start + static_cast<size_t>(size);
            if (size < 2 || end > static_cast<size_t>(length)) throw std::runtime_error("a command with a bad length " + std::to_string(size));
            const uint8_t command = in.Byte();
            const size_t mark = reply.bytes.size();
            try {
                Dispatch(in, end, command, reply);
            } catch (const std::exception& e) {
                reply.bytes.resize(mark);
                reply.Status(command, kStatusError, e.what());
            }
            in.pos = end;
        }
    } catch (const std::exception& e) {
        lastError = e.what();
        return -1;
    }
    const auto u = static_cast<uint32_t>(reply.bytes.size());
    for (int i = 0; i < 4; i++) reply.bytes[i] = static_cast<uint8_t>(u >> (24 - 8 * i));
    *replyData = reply.bytes.data();
    *replyLength = static_cast<int>(reply.bytes.size());
    return 0;
}

}  // extern "C"
