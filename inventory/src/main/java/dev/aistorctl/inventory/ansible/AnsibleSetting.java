package dev.aistorctl.inventory.ansible;

/**
 * One SSH setting of a host as the import maps it from Ansible: a value, or, when Ansible's value
 * cannot be used here (a Jinja2 template, a ProxyCommand that is no plain jump), a TODO saying why.
 *
 * @param value the inventory value, null when it is a TODO
 * @param todo  what a person must decide, null when there is a value
 * @param from  the Ansible variable it comes from
 */
public record AnsibleSetting(String value, String todo, AnsibleVar from) {
    static AnsibleSetting of(String value, AnsibleVar from) {
        return new AnsibleSetting(value, null, from);
    }

    static AnsibleSetting todo(String why, AnsibleVar from) {
        return new AnsibleSetting(null, why, from);
    }

    public boolean isTodo() {
        return value == null;
    }
}
